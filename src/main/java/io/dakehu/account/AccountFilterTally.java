package io.dakehu.account;

import java.util.HashMap;
import java.util.Map;

import io.dakehu.identity.RecordScope;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts per owner and combination of the list's column filters (decision 0068,
 * PostgreSQL only): the triggers of {@code account_filter_tally} write every change of an
 * account's owner, archived flag, industry, region, status or key account type as +1 and
 * −1 in the transaction that makes it, so a filtered list's total is a sum over a few
 * rows, exact however many accounts match. Every minute
 * ({@code dakehu.filter-tally.fold-cron}; {@code -} switches it off) the changes are
 * folded into one row per combination, which keeps the rows a sum reads few; the sums are
 * the same before and after.
 */
@Component
class AccountFilterTally {

	private final JdbcClient jdbc;

	private final boolean postgres;

	AccountFilterTally(JdbcClient jdbc, JdbcDialect dialect) {
		this.jdbc = jdbc;
		this.postgres = dialect instanceof JdbcPostgresDialect;
	}

	/** Whether the database keeps the tally: H2 has no triggers written in SQL. */
	boolean kept() {
		return this.postgres;
	}

	/**
	 * How many accounts owned by the scope's owners (by anyone for a reader who sees
	 * every account) meet the filters; a null filter is no condition.
	 */
	long owned(RecordScope scope, Filters filters) {
		Map<String, Object> params = new HashMap<>();
		String where = where(scope, filters, params);
		return this.jdbc.sql("select coalesce(sum(t.accounts), 0) from account_filter_tally t where " + where)
			.params(params)
			.query(Long.class)
			.single();
	}

	/**
	 * How many accounts each of the scope's owners holds that meet the filters, for a
	 * scope of owners; owners holding none are left out.
	 */
	Map<Long, Long> ownedByOwner(RecordScope scope, Filters filters) {
		Map<String, Object> params = new HashMap<>();
		String where = where(scope, filters, params);
		Map<Long, Long> owned = new HashMap<>();
		this.jdbc
			.sql("select t.owner_id, sum(t.accounts) from account_filter_tally t where " + where
					+ " group by t.owner_id having sum(t.accounts) > 0")
			.params(params)
			.query((rs) -> {
				owned.put(rs.getLong(1), rs.getLong(2));
			});
		return owned;
	}

	private static String where(RecordScope scope, Filters filters, Map<String, Object> params) {
		StringBuilder sql = new StringBuilder();
		if (filters.ownerId() != null) {
			sql.append("t.owner_id = :owner");
			params.put("owner", filters.ownerId());
			if (!scope.all()) {
				sql.append(" and t.owner_id in (:owners)");
				params.put("owners", scope.ownerIds());
			}
		}
		else if (scope.all()) {
			// Everyone's accounts are counted under owner 0: one row per combination.
			sql.append("t.owner_id = 0");
		}
		else {
			sql.append("t.owner_id in (:owners)");
			params.put("owners", scope.ownerIds());
		}
		condition(sql, params, "archived", filters.archived());
		condition(sql, params, "industry", filters.industry());
		condition(sql, params, "region", filters.region());
		condition(sql, params, "status", filters.status());
		condition(sql, params, "key_account_type", filters.type());
		return sql.toString();
	}

	private static void condition(StringBuilder sql, Map<String, Object> params, String column, Object value) {
		if (value != null) {
			sql.append(" and t.").append(column).append(" = :").append(column);
			params.put(column, value);
		}
	}

	@Scheduled(cron = "${dakehu.filter-tally.fold-cron:30 * * * * *}")
	@SchedulerLock(name = "account-filter-tally-fold", lockAtMostFor = "PT10M")
	@Transactional
	public void fold() {
		if (!this.postgres) {
			return;
		}
		// Only combinations with more than one row are rewritten; changes written
		// meanwhile are rows of their own, left for the next fold.
		this.jdbc
			.sql("""
					with folded as (
					    select owner_id, archived, industry, region, status, key_account_type from account_filter_tally
					    group by owner_id, archived, industry, region, status, key_account_type having count(*) > 1),
					gone as (
					    delete from account_filter_tally t using folded f
					    where t.owner_id = f.owner_id and t.archived = f.archived and t.industry = f.industry
					      and t.region = f.region and t.status = f.status and t.key_account_type = f.key_account_type
					    returning t.owner_id, t.archived, t.industry, t.region, t.status, t.key_account_type, t.accounts)
					insert into account_filter_tally (owner_id, archived, industry, region, status, key_account_type, accounts)
					select owner_id, archived, industry, region, status, key_account_type, sum(accounts) from gone
					group by owner_id, archived, industry, region, status, key_account_type
					having sum(accounts) <> 0""")
			.update();
	}

	/**
	 * The list's column filters, as the account holds them; null for none.
	 */
	record Filters(Boolean archived, Long ownerId, String industry, String region, String status, String type) {
	}

}
