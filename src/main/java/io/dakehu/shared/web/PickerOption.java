package io.dakehu.shared.web;

import io.dakehu.shared.NameSearch;

/**
 * One suggestion of a search-as-you-type picker: the value the form submits (an id or a
 * username), the label the reader recognises, and a detail that tells two namesakes apart
 * (a colleague's team, a contact's account). Every module's picker endpoint answers with
 * these, rendered by the shared {@code picker :: options}.
 */
public record PickerOption(String value, String label, String detail) {

	/** Suggestions shown at most, so a picker stays one glance long. */
	public static final int LIMIT = 10;

	/**
	 * The typed text as a case-insensitive infix pattern for {@code lower(column) like
	 * :pattern escape '\'}: "精密" finds "上海精密工具有限公司", "acme" finds "ACME Ltd". Blank text
	 * matches everything.
	 */
	public static String likePattern(String text) {
		return "%" + NameSearch.escapeLike(NameSearch.key(text)) + "%";
	}

}
