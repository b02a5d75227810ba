package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a person enters to open or edit an opportunity.
 *
 * @param owner username of the salesperson; null for the person entering it
 * @param stage the buying step it starts in; null for problem recognition
 * @param productIds the products offered, the first one the main product
 * @param customFields the values of the administrators' custom fields by key (decision
 * 0048); null leaves them as they are, a key absent keeps its value, an empty one removes
 * it
 */
public record OpportunityInput(Long accountId, String name, BigDecimal amount, String owner,
		LocalDate expectedCloseDate, PurchaseType purchaseType, Stage stage, List<Long> productIds, String nextStep,
		Map<String, Object> customFields) {

	public OpportunityInput {
		productIds = (productIds != null) ? List.copyOf(productIds) : List.of();
	}

	/** An input that leaves the custom fields as they are. */
	public OpportunityInput(Long accountId, String name, BigDecimal amount, String owner, LocalDate expectedCloseDate,
			PurchaseType purchaseType, Stage stage, List<Long> productIds, String nextStep) {
		this(accountId, name, amount, owner, expectedCloseDate, purchaseType, stage, productIds, nextStep, null);
	}

	/** The same input with these custom field values. */
	public OpportunityInput withCustomFields(Map<String, Object> values) {
		return new OpportunityInput(this.accountId, this.name, this.amount, this.owner, this.expectedCloseDate,
				this.purchaseType, this.stage, this.productIds, this.nextStep, values);
	}

}
