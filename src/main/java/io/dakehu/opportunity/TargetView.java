package io.dakehu.opportunity;

import java.time.LocalDate;

/**
 * A target company as lists and the API show it.
 */
public record TargetView(long id, long salespersonId, String salesperson, long accountId, String accountName,
		Intention intention, LocalDate from, LocalDate to, int version) {
}
