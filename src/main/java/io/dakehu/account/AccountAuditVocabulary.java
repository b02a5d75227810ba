package io.dakehu.account;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * How an account's history reads: owner, team and parent by name, the key-account
 * attributes and lifecycle by label, and why the lifecycle moved (the nightly check and a
 * purchase store a code and the day it counts from) in words.
 */
@Component
class AccountAuditVocabulary implements AuditVocabulary {

	private final AccountQueries queries;

	private final MessageSource messages;

	AccountAuditVocabulary(AccountQueries queries, MessageSource messages) {
		this.queries = queries;
		this.messages = messages;
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
	public String valueLabel(String entityType, String field, String stored, Locale locale) {
		if (!"Account".equals(entityType) || !"lifecycleReason".equals(field)) {
			return null;
		}
		// "PURCHASE 2025-09-30", "NO_PURCHASE_SINCE 2025-09-30": AccountLifecycle writes
		// them.
		int space = stored.indexOf(' ');
		if (space < 0) {
			return null;
		}
		return this.messages.getMessage("lifecycleReason." + stored.substring(0, space),
				new Object[] { stored.substring(space + 1) }, null, locale);
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
