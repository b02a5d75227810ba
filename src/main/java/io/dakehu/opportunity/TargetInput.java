package io.dakehu.opportunity;

import java.time.LocalDate;

/**
 * A target company for a salesperson and period, as entered by hand or in a bulk list.
 *
 * @param salesperson the salesperson's username
 */
public record TargetInput(String salesperson, Long accountId, Intention intention, LocalDate from, LocalDate to) {
}
