package io.dakehu.customfield;

import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;

/**
 * A custom field's refused value as a form shows it under the field's input, which the
 * form object has no property for: the field's key and why, labelled in the reader's
 * language.
 *
 * @param key the field's key
 * @param message the field's label and the rule it broke
 */
public record CustomFieldProblem(String key, String message) {

	private static final String PREFIX = "customFields.";

	/**
	 * The problem of a refusal on {@code customFields.<key>}, or null for a built-in
	 * field's, which the form shows its own way.
	 */
	public static CustomFieldProblem of(RuleViolationException ex, Labels labels) {
		if (!ex.field().startsWith(PREFIX)) {
			return null;
		}
		return new CustomFieldProblem(ex.field().substring(PREFIX.length()),
				ex.label() + ": " + labels.get(ex.messageKey(), ex.args()));
	}

}
