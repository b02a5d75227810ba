package io.dakehu.scorecard;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountScopeSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The grade of each account's latest credit rating (the latest quarter, then the latest
 * rating in it), offered to the account list as a column and a filter. Looked up per page
 * of the list by the rating index, never joined into the list's own query.
 */
@Component
@Transactional(readOnly = true)
class CreditGrades implements AccountGrades {

	/**
	 * The ratings that are their account's latest: none of the same account is in a later
	 * quarter, or later in the same quarter.
	 */
	private static final String LATEST = "not exists (select 1 from credit_rating cn where cn.account_id = cr.account_id"
			+ " and (cn.quarter > cr.quarter or (cn.quarter = cr.quarter and cn.id > cr.id)))";

	private final Scorecards scorecards;

	private final JdbcClient jdbc;

	CreditGrades(Scorecards scorecards, JdbcClient jdbc) {
		this.scorecards = scorecards;
		this.jdbc = jdbc;
	}

	@Override
	public List<String> codes() {
		return this.scorecards.gradeCodes(ScorecardKind.CREDIT);
	}

	/**
	 * One statement, so no transaction of its own: every page of the account list and of
	 * its API asks, and a transaction costs a round trip to the database more than the
	 * lookup.
	 */
	@Override
	@Transactional(propagation = Propagation.SUPPORTS)
	public Map<Long, String> of(Collection<Long> accountIds) {
		Map<Long, String> grades = new HashMap<>();
		if (accountIds.isEmpty()) {
			return grades;
		}
		// One page of the list at a time, so the ids are few.
		this.jdbc
			.sql("select cr.account_id, cr.grade from credit_rating cr where cr.account_id in (:ids) and " + LATEST)
			.param("ids", List.copyOf(accountIds))
			.query((rs) -> {
				grades.put(rs.getLong(1), rs.getString(2));
			});
		return grades;
	}

	@Override
	public AccountScopeSql filter(String code, String accountIdColumn) {
		return new AccountScopeSql(accountIdColumn + " in (select cr.account_id from credit_rating cr"
				+ " where cr.grade = :creditGrade and " + LATEST + ")", Map.of("creditGrade", code));
	}

}
