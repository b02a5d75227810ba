package io.dakehu.opportunity;

/**
 * The ten criteria industrial buyers use to choose a supplier (DOMAIN.md §8).
 */
public enum Criterion {

	DELIVERY, QUALITY, PRICE, REPUTATION, RANGE, TECHNICAL_ABILITY, SERVICE, PAYMENT_TERMS, FINANCIAL_STATUS, LOCATION

}
