package io.dakehu.account;

import java.sql.Date;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.shared.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

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
	 * so an import that rolls back leaves no status behind.
	 */
	@EventListener
	public void on(PurchasesRecorded event) {
		List<PurchasesRecorded.Purchase> purchases = event.purchases();
		for (int from = 0; from < purchases.size(); from += CHUNK) {
			recorded(purchases.subList(from, Math.min(purchases.size(), from + CHUNK)));
		}
	}

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
		String purchasedOn = "(select p.purchased_on from " + bought + " where p.account_id = account.id)";
		this.jdbc.sql("""
				update account set status = case when %1$s >= :cutoff then 'ACTIVE' else 'DORMANT' end,
				       churn_reason = null, lost_on = null, version = version + 1, updated_at = :now
				where id in (select a.id %2$s)""".formatted(purchasedOn, moving)).params(params).update();
		this.jdbc.sql("""
				update account set last_purchase_on = %1$s
				where id in (select p.account_id from %2$s)
				  and (last_purchase_on is null or last_purchase_on < %1$s)""".formatted(purchasedOn, bought))
			.params(params)
			.update();
	}

	/**
	 * Brings every status in line with the latest purchase as of today: the nightly
	 * check, also run on demand.
	 * @return how many accounts moved
	 */
	public int refresh() {
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
