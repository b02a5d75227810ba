package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * An opportunity as lists, exports and the API show it, with names instead of ids.
 *
 * @param probability the stage's default win probability in percent
 * @param stageSince when the opportunity entered its current stage
 * @param updatedAt when the opportunity last changed
 * @param customFields the values of its custom fields by key (decision 0048); empty for
 * none
 */
public record OpportunityView(long id, Long accountId, String accountName, long ownerId, String owner, Long productId,
		String productName, Stage stage, LocalDate engageDate, LocalDate closeDate, BigDecimal amount, String source,
		String externalRef, String name, LocalDate expectedCloseDate, PurchaseType purchaseType, int probability,
		String nextStep, String lostReason, String winningCompetitor, LocalDateTime stageSince, int version,
		LocalDateTime updatedAt, Map<String, Object> customFields) {

	/**
	 * What the forecast counts: amount × probability, zero when the amount is unknown.
	 */
	public BigDecimal weightedAmount() {
		return (this.amount != null) ? weigh(this.amount, this.probability) : BigDecimal.ZERO;
	}

	/** An amount at a probability in percent, rounded to cents. */
	static BigDecimal weigh(BigDecimal amount, int probability) {
		return amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2).setScale(2, RoundingMode.HALF_UP);
	}

	/** The title lists show: the name, or the account and product for imported rows. */
	public String title() {
		if (this.name != null) {
			return this.name;
		}
		String product = (this.productName != null) ? this.productName : "";
		return (this.accountName != null) ? (this.accountName + " · " + product).strip() : product;
	}

	/**
	 * The date the opportunity counts in a period: its close date, else the expected one.
	 */
	public LocalDate periodDate() {
		return CloseMonths.closes(this.closeDate, this.expectedCloseDate);
	}

}
