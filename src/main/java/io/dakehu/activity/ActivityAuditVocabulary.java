package io.dakehu.activity;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * How an activity's history reads: its type by label, the customer's and our participants
 * by name.
 */
@Component
class ActivityAuditVocabulary implements AuditVocabulary {

	@Override
	public AuditField field(String entityType, String field) {
		if (!"Activity".equals(entityType)) {
			return null;
		}
		return switch (field) {
			case "type" -> AuditField.label("activityType.");
			case "contacts" -> AuditField.names("contact");
			case "participants" -> AuditField.names("user");
			default -> null;
		};
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return null;
	}

}
