package io.dakehu.account.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountRow;

/**
 * An account in the API: the owner and team as usernames; the churn reason and the day it
 * was lost while it is LOST, the date of its latest purchase, and the grade of its latest
 * credit rating (null when never rated, or when no module rates credit), and the values
 * of its custom fields by key.
 */
record AccountJson(long id, String name, String registrationId, String industry, String region, String address,
		Integer employees, BigDecimal annualRevenue, Long parentId, String parentName, String owner, String ownerName,
		String keyAccountType, String relationshipType, String salesApproach, String status, boolean archived,
		String description, List<String> team, LocalDateTime createdAt, LocalDateTime updatedAt, int version,
		String churnReason, LocalDate lostOn, LocalDate lastPurchaseOn, boolean inPool, String poolReason,
		String creditGrade, boolean channelPartner, Map<String, Object> customFields) {

	/** The account with the grade of its latest credit rating, where credit is rated. */
	static AccountJson of(AccountDetails a, AccountGrades grades) {
		return of(a, grades, null);
	}

	/** The same with its custom field values. */
	static AccountJson of(AccountDetails a, AccountGrades grades, Map<String, Object> customFields) {
		return of(a, (grades != null) ? grades.of(List.of(a.id())).get(a.id()) : null, customFields);
	}

	static AccountJson of(AccountDetails a, String creditGrade, Map<String, Object> customFields) {
		return new AccountJson(a.id(), a.name(), a.registrationId(), a.industry(), a.region(), a.address(),
				a.employees(), a.annualRevenue(), a.parentId(), a.parentName(), a.ownerUsername(), a.ownerName(),
				code(a.keyAccountType()), code(a.relationshipType()), code(a.salesApproach()), code(a.status()),
				a.archived(), a.description(), a.team().stream().map(AccountDetails.TeamMember::username).toList(),
				a.createdAt(), a.updatedAt(), a.version(), code(a.churnReason()), a.lostOn(), a.lastPurchaseOn(),
				a.inPool(), a.inPool() ? code(a.pool().reason()) : null, creditGrade, a.channelPartner(), customFields);
	}

	static String code(Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

	/**
	 * A line of the list, lighter than the whole account.
	 */
	record Row(long id, String name, String registrationId, String industry, String region, String owner,
			String ownerName, String keyAccountType, String status, boolean archived, LocalDateTime updatedAt,
			String creditGrade, Map<String, Object> customFields) {

		static Row of(AccountRow r, String creditGrade, Map<String, Object> customFields) {
			return new Row(r.id(), r.name(), r.registrationId(), r.industry(), r.region(), r.ownerUsername(),
					r.ownerName(), AccountJson.code(r.keyAccountType()), AccountJson.code(r.status()), r.archived(),
					r.updatedAt(), creditGrade, (customFields != null) ? customFields : Map.of());
		}

	}

}
