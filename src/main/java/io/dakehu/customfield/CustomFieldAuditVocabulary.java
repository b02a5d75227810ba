package io.dakehu.customfield;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * How a record's history reads its custom fields: each {@code custom.<key>} entry under
 * the field's label in the reader's language, as a built-in field reads under its own.
 */
@Component
class CustomFieldAuditVocabulary implements AuditVocabulary {

	private static final Map<String, RecordType> ENTITY_TYPES = Map.of("Account", RecordType.ACCOUNT, "Contact",
			RecordType.CONTACT, "Opportunity", RecordType.OPPORTUNITY);

	private static final String PREFIX = "custom.";

	private final CustomFields fields;

	CustomFieldAuditVocabulary(CustomFields fields) {
		this.fields = fields;
	}

	@Override
	public AuditField field(String entityType, String field) {
		return null;
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return null;
	}

	@Override
	public String fieldLabel(String entityType, String field, Locale locale) {
		CustomField custom = custom(entityType, field);
		return (custom != null) ? custom.label(locale) : null;
	}

	/**
	 * A choice's stored option keys (several joined by commas, as the audited values hold
	 * them) as their labels in the reader's language: the history reads like the record's
	 * page, not like its JSON.
	 */
	@Override
	public String valueLabel(String entityType, String field, String stored, Locale locale) {
		CustomField custom = custom(entityType, field);
		if (custom == null || !custom.type().choice()) {
			return null;
		}
		List<String> keys = Arrays.stream(stored.split(",")).map(String::strip).filter((k) -> !k.isEmpty()).toList();
		return keys.isEmpty() ? null : custom.show(keys, locale);
	}

	/** The custom field an audited field names; null for a built-in field. */
	private CustomField custom(String entityType, String field) {
		RecordType recordType = ENTITY_TYPES.get(entityType);
		if (recordType == null || field == null || !field.startsWith(PREFIX)) {
			return null;
		}
		String key = field.substring(PREFIX.length());
		return this.fields.all(recordType)
			.stream()
			.filter((custom) -> custom.key().equals(key))
			.findFirst()
			.orElse(null);
	}

}
