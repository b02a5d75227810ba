package io.dakehu.shared.audit;

import java.time.LocalDateTime;
import java.util.List;

/**
 * One save as the history shows it: who changed which record (its type's label and its
 * name, when it has one) and every field, in the reader's language.
 *
 * @param action {@code CREATE}, {@code UPDATE} or {@code DELETE}
 * @param actionLabel the action in words ("changed")
 * @param entity the record type's label, such as "opportunity"
 * @param title the record's name, or null
 */
public record AuditLine(LocalDateTime occurredAt, String actor, String action, String actionLabel, String entity,
		String title, List<Field> fields) {

	/**
	 * One changed field: its label, and the values before and after as text (null for
	 * none).
	 */
	public record Field(String label, String oldValue, String newValue) {
	}

}
