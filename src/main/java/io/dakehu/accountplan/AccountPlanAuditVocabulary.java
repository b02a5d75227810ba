package io.dakehu.accountplan;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/** The plan's target stage by its name wherever the history shows it. */
@Component
class AccountPlanAuditVocabulary implements AuditVocabulary {

	@Override
	public AuditField field(String entityType, String field) {
		return (AccountPlans.AUDIT_TYPE.equals(entityType) && "targetStage".equals(field))
				? AuditField.label("relationship.stage.") : null;
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
