package io.dakehu.service;

/** What a complaint is about (DOMAIN.md §10.3). */
public enum ComplaintCategory {

	PRODUCT_QUALITY, DELIVERY, SERVICE, PRICE_BILLING, OTHER

}
