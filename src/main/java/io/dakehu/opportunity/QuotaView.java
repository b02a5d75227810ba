package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The sales amount a salesperson is expected to close in a period.
 */
public record QuotaView(long id, long salespersonId, String salesperson, LocalDate from, LocalDate to,
		BigDecimal amount, int version) {
}
