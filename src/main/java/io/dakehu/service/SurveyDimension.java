package io.dakehu.service;

/**
 * What a satisfaction survey asks about besides the overall score (DOMAIN.md §10.3): a
 * fixed list, so every survey can be compared with every other. {@link #field()} names
 * the dimension in the API, in forms, in import files and in error messages.
 */
public enum SurveyDimension {

	PRODUCT_QUALITY("productQuality"), DELIVERY("delivery"), SERVICE("service"), TECHNICAL_SUPPORT("technicalSupport"),
	PRICE("price");

	private final String field;

	SurveyDimension(String field) {
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
