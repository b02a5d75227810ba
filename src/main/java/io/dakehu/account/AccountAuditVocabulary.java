package io.dakehu.account;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * How an account's history reads: owner, team and parent by name, the key-account
 * attributes and lifecycle by label.
 */
@Component
class AccountAuditVocabulary implements AuditVocabulary {

	private final AccountQueries queries;

	AccountAuditVocabulary(AccountQueries queries) {
		this.queries = queries;
	}

	@Override
	public AuditField field(String entityType, String field) {
		if (!"Account".equals(entityType)) {
			return null;
		}
		return switch (field) {
			case "parentId" -> AuditField.names("account");
			case "ownerId", "team" -> AuditField.names("user");
			case "keyAccountType" -> AuditField.label("keyAccountType.");
			case "relationshipType" -> AuditField.label("relationshipType.");
			case "salesApproach" -> AuditField.label("salesApproach.");
			case "status" -> AuditField.label("status.");
			default -> null;
		};
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return "account".equals(kind) ? this.queries.names(ids) : Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return "Account".equals(entityType) ? "account" : null;
	}

}
