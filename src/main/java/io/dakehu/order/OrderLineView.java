package io.dakehu.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An order line as lists, exports and the API show it, with names instead of ids.
 */
public record OrderLineView(long id, long accountId, String accountName, LocalDate date, Long productId,
		String productName, BigDecimal quantity, BigDecimal amount, BigDecimal cost, Long salespersonId,
		String salesperson, String source, String externalRef) {
}
