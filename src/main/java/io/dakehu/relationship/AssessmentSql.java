package io.dakehu.relationship;

import org.springframework.modulith.NamedInterface;

/**
 * Which accounts have been placed on the 25-grid at least once, for reports that look for
 * the ones missing.
 */
@NamedInterface("sql")
public final class AssessmentSql {

	private AssessmentSql() {
	}

	/**
	 * A condition that holds when the account in the given column has no assessment.
	 * @param accountIdColumn such as {@code b.account_id}
	 */
	public static String notAssessed(String accountIdColumn) {
		return "not exists (select 1 from relationship_assessment ra where ra.account_id = " + accountIdColumn + ")";
	}

}
