package io.dakehu.identity;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * People by their display names wherever a history names a user, and a user's role and
 * manager readably.
 */
@Component
class IdentityAuditVocabulary implements AuditVocabulary {

	private final Users users;

	IdentityAuditVocabulary(Users users) {
		this.users = users;
	}

	@Override
	public AuditField field(String entityType, String field) {
		if (!"User".equals(entityType)) {
			return null;
		}
		return switch (field) {
			case "role" -> AuditField.label("role.");
			case "managerId" -> AuditField.names("user");
			default -> null;
		};
	}

	@Override
	public Map<Long, String> names(String kind, Collection<Long> ids) {
		return "user".equals(kind) ? this.users.displayNames(ids) : Map.of();
	}

	@Override
	public String titleKind(String entityType) {
		return "User".equals(entityType) ? "user" : null;
	}

}
