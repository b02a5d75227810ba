package io.dakehu.relationship;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * How the buying roles on a deal and the 25-grid assessments read: which deal, the
 * contact by name, roles, attitude and relationship stage by label.
 */
@Component
class RelationshipAuditVocabulary implements AuditVocabulary {

	@Override
	public AuditField field(String entityType, String field) {
		if ("OpportunityBuyingRole".equals(entityType)) {
			return switch (field) {
				case "contactId" -> AuditField.names("contact");
				case "roles" -> AuditField.label("buyingRole.");
				case "attitude" -> AuditField.label("attitude.");
				default -> null;
			};
		}
		if ("RelationshipAssessment".equals(entityType) && "stage".equals(field)) {
			return AuditField.label("relationship.stage.");
		}
		return null;
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return "OpportunityBuyingRole".equals(entityType) ? "opportunity" : null;
	}

}
