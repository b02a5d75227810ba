package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * An opportunity as lists, exports and the API show it, with names instead of ids.
 */
public record OpportunityView(long id, Long accountId, String accountName, long ownerId, String owner, Long productId,
		String productName, Stage stage, LocalDate engageDate, LocalDate closeDate, BigDecimal amount, String source,
		String externalRef) {
}
