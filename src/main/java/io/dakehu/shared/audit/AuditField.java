package io.dakehu.shared.audit;

/**
 * How the history shows one audited field's stored text: each code as its label (the
 * message {@code labelPrefix + code}), or each id as the name of a record of a kind (such
 * as {@code user} or {@code contact}) that some {@link AuditVocabulary} names. Lists are
 * stored as {@code [1, 2]} or {@code A,B} and shown item by item.
 */
public record AuditField(String labelPrefix, String kind) {

	public static AuditField label(String prefix) {
		return new AuditField(prefix, null);
	}

	public static AuditField names(String kind) {
		return new AuditField(null, kind);
	}

}
