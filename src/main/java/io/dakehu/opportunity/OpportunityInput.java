package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a person enters to open or edit an opportunity.
 *
 * @param owner username of the salesperson; null for the person entering it
 * @param stage the buying step it starts in; null for problem recognition
 * @param productIds the products offered, the first one the main product
 */
public record OpportunityInput(Long accountId, String name, BigDecimal amount, String owner,
		LocalDate expectedCloseDate, PurchaseType purchaseType, Stage stage, List<Long> productIds, String nextStep) {

	public OpportunityInput {
		productIds = (productIds != null) ? List.copyOf(productIds) : List.of();
	}

}
