package io.dakehu.account;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.shared.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps every account's lifecycle status current by itself (DOMAIN.md §2.1): a purchase
 * makes a PROSPECT a customer, brings a DORMANT one back and reverses a LOST decision; a
 * customer whose latest purchase is older than the active window (12 months unless
 * {@code dakehu.lifecycle.active-months} says otherwise) becomes DORMANT, nightly and on
 * demand. LOST is a person's decision ({@link AccountService#markLost}). Every move is
 * set-based SQL over the account table and audited with its reason in the same statement
 * pair, so an import's chunk or a nightly pass over a million accounts costs a few
 * statements.
 */
@Service
@Transactional
public class AccountLifecycle {

	/** Accounts per statement: well below every database's limit of bound parameters. */
	static final int CHUNK = 1000;

	/**
	 * The accounts that move when purchases arrive, and how: a prospect always (to
	 * DORMANT when its first purchase is already old), a dormant customer when the
	 * purchase is recent, a lost one when it bought on or after the day it was marked
	 * lost. An active customer stays active whatever the date.
	 */
	private static final String MOVES_ON_PURCHASE = """
			(a.status = 'PROSPECT'
			 or (a.status = 'DORMANT' and p.purchased_on >= :cutoff)
			 or (a.status = 'LOST' and (a.lost_on is null or p.purchased_on >= a.lost_on)))""";

	private static final String STATUS_AFTER_PURCHASE = "case when p.purchased_on >= :cutoff then 'ACTIVE' else 'DORMANT' end";

	/**
	 * What the latest purchase says where the stored status disagrees: a prospect that
	 * has bought, an active customer gone quiet, a dormant one that bought again. LOST is
	 * left to the decision and the purchases after it.
	 */
	private static final String MOVES_ON_REFRESH = """
			((a.status = 'PROSPECT' and a.last_purchase_on is not null)
			 or (a.status = 'ACTIVE' and a.last_purchase_on < :cutoff)
			 or (a.status = 'DORMANT' and a.last_purchase_on >= :cutoff))""";

	private static final String STATUS_AFTER_REFRESH = "case when a.last_purchase_on >= :cutoff then 'ACTIVE' else 'DORMANT' end";

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final AccountEvents events;

	private final Clock clock;

	private final int activeMonths;

	AccountLifecycle(JdbcClient jdbc, AuditTrail audit, AccountEvents events, Clock clock,
			@Value("${dakehu.lifecycle.active-months:12}") int activeMonths) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.activeMonths = activeMonths;
	}

	/**
	 * Moves the accounts that just bought, in the transaction that wrote the purchases,
	 * so an import that rolls back leaves no status behind. Inside a transaction the
	 * moves wait for its commit, each account with its latest purchase: an import's
	 * chunks name the same accounts again and again, and writing an account once instead
	 * of once per chunk is what keeps a large import near the speed of a bare copy
	 * (BENCHMARKS.md, P2). At {@link #PENDING_AT_MOST} waiting accounts they are written
	 * at once, which bounds the memory an import of millions of accounts holds.
	 */
	@EventListener
	public void on(PurchasesRecorded event) {
		boolean waits = TransactionSynchronizationManager.isSynchronizationActive();
		Map<Long, LocalDate> pending = waits ? pending() : new HashMap<>();
		for (PurchasesRecorded.Purchase purchase : event.purchases()) {
			pending.merge(purchase.accountId(), purchase.date(), (a, b) -> a.isAfter(b) ? a : b);
		}
		if (!waits || pending.size() >= PENDING_AT_MOST) {
			write(pending);
		}
	}

	/** Accounts whose purchases wait for the commit before they are written. */
	static final int PENDING_AT_MOST = 200_000;

	/**
	 * The purchases of this transaction not yet written, bound to it on first use and
	 * written just before it commits.
	 */
	private Map<Long, LocalDate> pending() {
		Map<Long, LocalDate> pending = waiting();
		if (pending == null) {
			Map<Long, LocalDate> fresh = new HashMap<>();
			TransactionSynchronizationManager.bindResource(this, fresh);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					write(fresh);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(AccountLifecycle.this);
				}
			});
			pending = fresh;
		}
		return pending;
	}

	/** The purchases this transaction holds back; null when it has recorded none. */
	@SuppressWarnings("unchecked")
	private Map<Long, LocalDate> waiting() {
		return (Map<Long, LocalDate>) TransactionSynchronizationManager.getResource(this);
	}

	/**
	 * Writes the waiting purchases and forgets them: a thousand accounts at a time, in
	 * the order of their ids, so two transactions meet their rows in the same order.
	 */
	private void write(Map<Long, LocalDate> pending) {
		List<PurchasesRecorded.Purchase> purchases = new ArrayList<>(pending.size());
		pending.forEach((account, date) -> purchases.add(new PurchasesRecorded.Purchase(account, date)));
		pending.clear();
		purchases.sort(Comparator.comparingLong(PurchasesRecorded.Purchase::accountId));
		for (int from = 0; from < purchases.size(); from += CHUNK) {
			recorded(purchases.subList(from, Math.min(purchases.size(), from + CHUNK)));
		}
	}

	/**
	 * One chunk of accounts, each named once: the moves are audited and announced from
	 * the rows as they were, then each account that moves or bought later than it had is
	 * written once, status and latest purchase together.
	 */
	private void recorded(List<PurchasesRecorded.Purchase> purchases) {
		Map<String, Object> params = new HashMap<>();
		StringBuilder values = new StringBuilder("(values ");
		for (int i = 0; i < purchases.size(); i++) {
			values.append((i > 0) ? ", " : "")
				.append("(cast(:a")
				.append(i)
				.append(" as bigint), cast(:d")
				.append(i)
				.append(" as date))");
			params.put("a" + i, purchases.get(i).accountId());
			params.put("d" + i, Date.valueOf(purchases.get(i).date()));
		}
		String bought = values.append(") p (account_id, purchased_on)").toString();
		params.put("cutoff", Date.valueOf(cutoff()));
		params.put("now", LocalDateTime.now(this.clock));
		String moving = "from account a join " + bought + " on p.account_id = a.id where " + MOVES_ON_PURCHASE;
		this.audit.changedWhere("Account", """
				select a.id as entity_id, a.id as account_id, 'status' as field, a.status as old_value,
				       %1$s as new_value %2$s
				union all
				select a.id, a.id, 'churnReason', a.churn_reason, cast(null as varchar(30)) %2$s
				      and a.churn_reason is not null
				union all
				select a.id, a.id, 'lifecycleReason', cast(null as varchar(30)),
				       'PURCHASE ' || cast(p.purchased_on as varchar(10)) %2$s""".formatted(STATUS_AFTER_PURCHASE,
				moving), params);
		this.events.changedWhere(statusChange(STATUS_AFTER_PURCHASE, true) + " " + moving, params);
		// A merge joins the purchases once (a correlated sub-select per row cost twice
		// as much on PostgreSQL), and an account is rewritten once with all its indexes.
		String later = "(a.last_purchase_on is null or a.last_purchase_on < p.purchased_on)";
		this.jdbc
			.sql("""
					merge into account a using %1$s on a.id = p.account_id
					when matched and (%2$s or %3$s) then update set
					     status = case when %2$s then %4$s else a.status end,
					     churn_reason = case when %2$s then null else a.churn_reason end,
					     lost_on = case when %2$s then null else a.lost_on end,
					     version = case when %2$s then a.version + 1 else a.version end,
					     updated_at = case when %2$s then :now else a.updated_at end,
					     last_purchase_on = case when %3$s then p.purchased_on else a.last_purchase_on end"""
				.formatted(bought, MOVES_ON_PURCHASE, later, STATUS_AFTER_PURCHASE))
			.params(params)
			.update();
	}

	/**
	 * Brings every status in line with the latest purchase as of today: the nightly
	 * check, also run on demand.
	 * @return how many accounts moved
	 */
	public int refresh() {
		// Purchases this transaction recorded are written first, so the check sees them.
		Map<Long, LocalDate> waiting = waiting();
		if (waiting != null) {
			write(waiting);
		}
		Map<String, Object> params = Map.of("cutoff", Date.valueOf(cutoff()), "now", LocalDateTime.now(this.clock));
		String moving = "from account a where " + MOVES_ON_REFRESH;
		this.audit.changedWhere("Account", """
				select a.id as entity_id, a.id as account_id, 'status' as field, a.status as old_value,
				       %1$s as new_value %2$s
				union all
				select a.id, a.id, 'lifecycleReason', cast(null as varchar(30)),
				       case when a.last_purchase_on >= :cutoff then 'PURCHASE ' else 'NO_PURCHASE_SINCE ' end
				       || cast(a.last_purchase_on as varchar(10)) %2$s""".formatted(STATUS_AFTER_REFRESH, moving),
				params);
		this.events.changedWhere(statusChange(STATUS_AFTER_REFRESH, false) + " " + moving, params);
		return this.jdbc.sql("""
				update account set status = case when last_purchase_on >= :cutoff then 'ACTIVE' else 'DORMANT' end,
				       version = version + 1, updated_at = :now
				where id in (select a.id %s)""".formatted(moving)).params(params).update();
	}

	/**
	 * The {@code account.changed} payload of each moving account, as
	 * {@link AccountEvents#changed} writes it for one edit: the status before and after,
	 * and, when a purchase brings a lost customer back, the churn reason it clears. The
	 * values are the enums' names, so they need no JSON escaping.
	 */
	private static String statusChange(String statusAfter, boolean clearsChurnReason) {
		String churnReason = clearsChurnReason ? """
				|| case when a.churn_reason is null then ''
				        else ',"churnReason":{"from":"' || a.churn_reason || '","to":null}' end""" : "";
		return """
				select a.id as record_id,
				       '{"changes":{"status":{"from":"' || a.status || '","to":"' || %s || '"}'
				       %s || '}}' as payload""".formatted(statusAfter, churnReason);
	}

	/**
	 * The first day that still counts as recent: a purchase on it keeps a customer
	 * active.
	 */
	LocalDate cutoff() {
		return LocalDate.now(this.clock).minusMonths(this.activeMonths);
	}

}
