package io.dakehu.home;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountBookSql;
import io.dakehu.account.AccountsChanged;
import io.dakehu.account.AccountsMerged;
import io.dakehu.activity.LastContactChanged;
import io.dakehu.activity.LastContactSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.segmentation.TiersChanged;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.DerivedTables;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the contact plan's due-day read model (decision 0035): one row per live account
 * with its owner, name, tier and the day it is due for contact (DOMAIN.md §10.2), the
 * earlier of its last contact plus its tier's cadence and the next contact its latest
 * contact planned; null when never contacted (due on whatever day it is read).
 *
 * <p>
 * The rows are recomputed from the owners' published fragments, never patched: per
 * account when one of its inputs changes (a contact logged, edited or deleted, the
 * account opened, renamed, given to another owner, archived, restored or merged), for the
 * accounts a run moved to another tier, and for every account at once when the cadences
 * change (writing only the rows that differ). Each refresh runs just before the writing
 * transaction commits, so it sees everything that transaction wrote (the merge's moved
 * activities and snapshot rows too), and commits with it or not at all.
 */
@Component
class DueDays {

	/**
	 * Before the versions are raised (OwnerDueCounts), which every transaction does after
	 * its last refresh.
	 */
	private static final int REFRESH_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	/** Accounts per statement, to keep "in (...)" lists a size every database takes. */
	private static final int CHUNK = 1000;

	private final JdbcClient jdbc;

	private final Segmentation segmentation;

	private final OwnerDueCounts counts;

	private final DerivedTables derived;

	private final boolean postgres;

	DueDays(JdbcClient jdbc, Segmentation segmentation, OwnerDueCounts counts, DerivedTables derived,
			DatabaseProduct database) {
		this.jdbc = jdbc;
		this.derived = derived;
		this.postgres = database.postgres();
		this.segmentation = segmentation;
		this.counts = counts;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(REFRESH_ORDER)
	public void on(LastContactChanged changed) {
		refresh(List.of(changed.accountId()));
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(REFRESH_ORDER)
	public void on(AccountsChanged changed) {
		refresh(changed.accountIds());
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(REFRESH_ORDER)
	public void on(AccountsMerged merged) {
		refresh(List.of(merged.absorbedId(), merged.survivorId()));
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	@Order(REFRESH_ORDER)
	public void on(TiersChanged changed) {
		if (changed.everyAccountMayHaveChanged()) {
			rebuild();
		}
		else {
			recompute(changed.movedAccounts(), changed.params());
		}
	}

	/**
	 * Fills the table once for a database that had accounts before it existed; a fresh
	 * database fills it through the events as accounts are opened.
	 */
	@EventListener(ApplicationReadyEvent.class)
	@Transactional
	public void fillWhenEmpty() {
		if (this.jdbc.sql("select count(*) from home_due_day").query(Long.class).single() == 0) {
			rebuild();
		}
	}

	/**
	 * Recomputes every account's row: after a run re-tiered the company, the cadences
	 * changed, or rows were written around the application. Only the rows that differ are
	 * written (a run moves a few accounts between tiers; rewriting a million rows after
	 * each run cost more than the run's snapshot), in three statements: rows of accounts
	 * no longer live go, rows that changed are updated, missing rows are added.
	 */
	@Transactional
	public void rebuild() {
		AccountBookSql book = AccountBookSql.of(RecordScope.everything(0), null);
		this.jdbc
			.sql("delete from home_due_day where not exists (select 1 from " + book.table()
					+ " b where b.account_id = home_due_day.account_id)")
			.params(book.params())
			.update();
		recompute(null, Map.of());
	}

	/**
	 * Updates the rows that differ and adds the missing ones, for every live account or
	 * only those the given sub-select names (a run's moves: a few thousand rows read and
	 * written, not a million).
	 * @param accounts a parenthesised sub-select with the column {@code account_id}, or
	 * null for every account
	 */
	private void recompute(String accounts, Map<String, Object> params) {
		// The moved accounts compare two runs' snapshots, every row of each: on H2 they
		// are written once for both statements below (it compared the runs for each).
		String moved = (accounts != null) ? this.derived.readOnce(accounts, "account_id", params) : null;
		Computed computed = computed(moved, "", params);
		this.jdbc.sql("""
				merge into home_due_day d using (%s) n on d.account_id = n.account_id
				when matched and (d.owner_id is distinct from n.owner_id or d.account_name <> n.account_name
				                  or d.tier <> n.tier or d.due_on is distinct from n.due_on
				                  or d.last_contact_at is distinct from n.last_contact_at
				                  or d.next_contact_date is distinct from n.next_contact_date)
				then update set owner_id = n.owner_id, account_name = n.account_name, tier = n.tier,
				                due_on = n.due_on, last_contact_at = n.last_contact_at,
				                next_contact_date = n.next_contact_date""".formatted(computed.sql()))
			.params(computed.params())
			.update();
		// The missing rows: "on conflict do nothing" skips every row there is (on
		// PostgreSQL an index probe, nothing written), and a row a refresh of a
		// just-opened account committed while this ran. Not "where not exists" over this
		// table on PostgreSQL: planned while the table was empty, it re-read the growing
		// table for every row it inserted (38 s for 100,000 accounts instead of about
		// 1 s). H2 skips a row there is by raising and catching an error, 14 µs a row
		// (0.4 s for every live account of the test suite's database), so on H2 the
		// existing rows are left out first.
		String missing = this.postgres ? computed.sql() : "select n.* from (" + computed.sql()
				+ ") n where not exists (select 1 from home_due_day x where x.account_id = n.account_id)";
		this.jdbc.sql(INSERT + missing + " on conflict do nothing").params(computed.params()).update();
		// Which owners' rows changed is not known here; this runs after a run or a
		// change of cadences, not per request.
		this.counts.everyOwnerChanged();
	}

	/** Recomputes the given accounts' rows; an archived or merged account has none. */
	void refresh(Collection<Long> accountIds) {
		List<Long> ids = new ArrayList<>(accountIds);
		for (int from = 0; from < ids.size(); from += CHUNK) {
			refreshChunk(ids.subList(from, Math.min(ids.size(), from + CHUNK)), new HashSet<>());
		}
	}

	/**
	 * Recomputes one chunk's rows.
	 * @param owners gathers the owners the accounts had before and have after (their
	 * versions are raised before the transaction commits)
	 */
	private void refreshChunk(List<Long> ids, Set<Long> owners) {
		// Lock the rows first, then compute in new statements: under read committed each
		// statement sees what a concurrent writer of the same account committed while
		// this waited, so the later of two writers writes a row with both changes.
		owners.addAll(this.jdbc.sql("select owner_id from home_due_day where account_id in (:ids) for update")
			.param("ids", ids)
			.query(Long.class)
			.list());
		this.jdbc.sql("delete from home_due_day where account_id in (:ids)").param("ids", ids).update();
		Computed computed = computed(null, " where b.account_id in (:dueDayAccounts)", Map.of("dueDayAccounts", ids));
		int inserted = this.jdbc.sql(INSERT + computed.sql() + " on conflict do nothing")
			.params(computed.params())
			.update();
		long live = this.jdbc.sql("select count(*) from (" + computed.sql() + ") n")
			.params(computed.params())
			.query(Long.class)
			.single();
		if (inserted < live) {
			// Another writer inserted a row this one had not seen (a new account) and has
			// committed by now: lock that row too and compute again.
			refreshChunk(ids, owners);
			return;
		}
		// The owners the accounts had and have now.
		owners.addAll(this.jdbc.sql("select owner_id from home_due_day where account_id in (:ids)")
			.param("ids", ids)
			.query(Long.class)
			.list());
		this.counts.changed(owners);
	}

	private static final String INSERT = "insert into home_due_day"
			+ " (account_id, owner_id, account_name, tier, due_on, last_contact_at, next_contact_date) ";

	/**
	 * The rows as they should be: every live account (or those the condition keeps), its
	 * tier from the latest run (Small when not ranked) and its due day.
	 * @param accounts null, or a parenthesised sub-select (or a table) naming each
	 * account once in its column {@code account_id}; then the rows are read from it,
	 * account by account, so a run that moved a few accounts reads those, not every live
	 * account (H2 read them all for a condition "in" the same sub-select: 0.15 s a
	 * statement at 30,000 accounts with none moved)
	 * @param where with {@code accounts} null: nothing, or a condition on
	 * {@code b.account_id} starting with {@code where}
	 * @param whereParams the sub-select's or the condition's parameters
	 */
	private Computed computed(String accounts, String where, Map<String, Object> whereParams) {
		AccountBookSql book = AccountBookSql.of(RecordScope.everything(0), null);
		TierSql tier = this.segmentation.latestTierSql();
		Map<String, Object> params = new HashMap<>(book.params());
		params.putAll(tier.params());
		params.putAll(whereParams);
		// H2 keeps the order of outer joins: the named accounts first, each looked up
		// among the live ones (an inner join it started from every live account).
		String from = (accounts != null)
				? accounts + " ma left join " + book.table() + " b on b.account_id = ma.account_id"
				: book.table() + " b";
		String condition = (accounts != null) ? " where b.account_id is not null" : where;
		// A plan dated on or before the contact that made it plans nothing ahead.
		String sql = """
				select b.account_id, b.owner_id, b.account_name, coalesce(t.tier, 'SMALL') as tier,
				       least(case when c.next_contact_date > cast(c.last_contact_at as date)
				                  then c.next_contact_date end,
				             cast(c.last_contact_at as date) + %s) as due_on,
				       c.last_contact_at, c.next_contact_date
				from %s
				left join %s c on c.account_id = b.account_id
				left join %s t on t.account_id = b.account_id""".formatted(tier.cadence("t.tier"), from,
				LastContactSql.table(), tier.table()) + condition;
		return new Computed(sql, params);
	}

	private record Computed(String sql, Map<String, Object> params) {
	}

}
