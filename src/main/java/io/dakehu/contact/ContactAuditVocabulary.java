package io.dakehu.contact;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * Contacts by name wherever a history names one, and a contact's buying roles and
 * attitude by label.
 */
@Component
class ContactAuditVocabulary implements AuditVocabulary {

	private final Contacts contacts;

	ContactAuditVocabulary(Contacts contacts) {
		this.contacts = contacts;
	}

	@Override
	public AuditField field(String entityType, String field) {
		if (!"Contact".equals(entityType)) {
			return null;
		}
		return switch (field) {
			case "reportsToId" -> AuditField.names("contact");
			case "relationshipOwnerId" -> AuditField.names("user");
			case "buyingRoles" -> AuditField.label("buyingRole.");
			case "attitude" -> AuditField.label("attitude.");
			default -> null;
		};
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return "contact".equals(kind) ? this.contacts.names(ids) : Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return "Contact".equals(entityType) ? "contact" : null;
	}

}
