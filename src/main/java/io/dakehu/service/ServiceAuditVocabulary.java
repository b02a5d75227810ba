package io.dakehu.service;

import java.util.Collection;
import java.util.Map;

import io.dakehu.shared.audit.AuditField;
import io.dakehu.shared.audit.AuditVocabulary;

import org.springframework.stereotype.Component;

/**
 * How complaints and surveys read in the history: channel, category, severity, status and
 * a survey's source by label, the owner, helpers and contact by name.
 */
@Component
class ServiceAuditVocabulary implements AuditVocabulary {

	@Override
	public AuditField field(String entityType, String field) {
		if (Surveys.AUDIT_TYPE.equals(entityType)) {
			return switch (field) {
				case "surveySource" -> AuditField.label("survey.source.");
				case "contactId" -> AuditField.names("contact");
				default -> null;
			};
		}
		if (!Complaints.AUDIT_TYPE.equals(entityType)) {
			return null;
		}
		return switch (field) {
			case "channel" -> AuditField.label("complaint.channel.");
			case "category" -> AuditField.label("complaint.category.");
			case "severity" -> AuditField.label("complaint.severity.");
			case "complaintStatus" -> AuditField.label("complaint.status.");
			case "ownerId", "helpers" -> AuditField.names("user");
			case "contactId" -> AuditField.names("contact");
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
