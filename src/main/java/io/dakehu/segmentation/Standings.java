package io.dakehu.segmentation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * One account's standing: its place in the latest company-wide run with the service level
 * its tier earns, and what people record about it between runs (the strategic pin, the
 * yearly spend behind share of wallet, the BZ decision). These inputs live beside the
 * snapshots, not in them, because they outlast runs: the next run reads the pin, the
 * wallet is applied whenever a row is shown.
 */
@Service
@Transactional(readOnly = true)
public class Standings {

	private final JdbcClient jdbc;

	private final SegmentationRuns runs;

	private final Snapshots snapshots;

	private final SettingsStore settings;

	private final AccountQueries accounts;

	private final BzDecisions decisions;

	private final AuditTrail audit;

	private final Clock clock;

	Standings(JdbcClient jdbc, SegmentationRuns runs, Snapshots snapshots, SettingsStore settings,
			AccountQueries accounts, BzDecisions decisions, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.snapshots = snapshots;
		this.settings = settings;
		this.accounts = accounts;
		this.decisions = decisions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The account's standing in the latest company-wide run with its service level.
	 * @throws NotFoundException when the reader may not see the account
	 */
	public AccountStanding standing(RecordScope scope, long accountId) {
		this.accounts.requireVisible(scope, accountId);
		SegmentationSettings settings = this.settings.settings();
		Optional<RunSummary> latest = this.runs.latest();
		SnapshotRow row = latest.flatMap((run) -> this.snapshots.row(run, accountId)).orElse(null);
		Tier tier = (row != null) ? row.tier() : Tier.SMALL;
		AccountStanding.Pin pin = this.jdbc
			.sql("select reason, pinned_by, pinned_at from segmentation_pin where account_id = :id")
			.param("id", accountId)
			.query((rs, n) -> new AccountStanding.Pin(rs.getString(1), rs.getString(2),
					rs.getTimestamp(3).toLocalDateTime()))
			.optional()
			.orElse(null);
		BigDecimal spend = this.jdbc.sql("select annual_spend from segmentation_wallet where account_id = :id")
			.param("id", accountId)
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		return new AccountStanding(accountId, row, latest.orElse(null), tier, settings.cadenceDays(tier), pin, spend);
	}

	/**
	 * Pins the account to ABC class B as strategic, whatever its value, from the next run
	 * on. Managers, directors and administrators may; the reason is required and audited.
	 */
	@Transactional
	public void pin(CurrentUser me, long accountId, String reason) {
		requireManager(me);
		this.accounts.requireVisible(me.scope(), accountId);
		if (!StringUtils.hasText(reason)) {
			throw new RuleViolationException("reason", "validation.segmentation.reasonRequired");
		}
		String text = reason.strip();
		if (text.length() > 500) {
			throw new RuleViolationException("reason", "validation.segmentation.reasonTooLong", 500);
		}
		Map<String, Object> before = pinValues(accountId);
		this.jdbc.sql("delete from segmentation_pin where account_id = :id").param("id", accountId).update();
		this.jdbc.sql("""
				insert into segmentation_pin (account_id, reason, pinned_by, pinned_at)
				values (:id, :reason, :by, :at)""")
			.param("id", accountId)
			.param("reason", text)
			.param("by", me.username())
			.param("at", LocalDateTime.now(this.clock))
			.update();
		this.audit.changed("SegmentationPin", accountId, accountId, before, pinValues(accountId));
	}

	@Transactional
	public void unpin(CurrentUser me, long accountId) {
		requireManager(me);
		this.accounts.requireVisible(me.scope(), accountId);
		Map<String, Object> before = pinValues(accountId);
		this.jdbc.sql("delete from segmentation_pin where account_id = :id").param("id", accountId).update();
		this.audit.changed("SegmentationPin", accountId, accountId, before, pinValues(accountId));
	}

	private Map<String, Object> pinValues(long accountId) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("strategicPin", "false");
		values.put("pinReason", null);
		this.jdbc.sql("select reason from segmentation_pin where account_id = :id")
			.param("id", accountId)
			.query(String.class)
			.optional()
			.ifPresent((reason) -> {
				values.put("strategicPin", "true");
				values.put("pinReason", reason);
			});
		return values;
	}

	/**
	 * Records the decision for a customer that is BZ in the latest company-wide run:
	 * develop or let go, why, who follows it up and when decided (DOMAIN.md §3.4).
	 * Managers, directors and administrators decide; audited on the account.
	 * @throws NotFoundException when the reader may not see the account
	 */
	@Transactional
	public void decideBz(CurrentUser me, long accountId, BzDecisionInput input) {
		this.accounts.requireVisible(me.scope(), accountId);
		Optional<RunSummary> latest = this.runs.latest();
		boolean bz = latest.isPresent() && this.jdbc.sql("""
				select count(*) from segmentation_snapshot
				where run_id = :run and account_id = :id and value_growth = 'BZ'""")
			.param("run", latest.get().id())
			.param("id", accountId)
			.query(Long.class)
			.single() > 0;
		this.decisions.record(me, accountId, latest.map(RunSummary::id).orElse(0L), bz, input);
	}

	/**
	 * Records what the customer spends on our kind of products in a year, the base of
	 * share of wallet; null forgets it. Anyone who may see the account may; audited.
	 */
	@Transactional
	public void recordWallet(CurrentUser me, long accountId, BigDecimal annualSpend) {
		this.accounts.requireVisible(me.scope(), accountId);
		if (annualSpend != null && annualSpend.signum() <= 0) {
			throw new RuleViolationException("annualSpend", "validation.segmentation.positive");
		}
		BigDecimal before = this.jdbc.sql("select annual_spend from segmentation_wallet where account_id = :id")
			.param("id", accountId)
			.query(BigDecimal.class)
			.optional()
			.orElse(null);
		this.jdbc.sql("delete from segmentation_wallet where account_id = :id").param("id", accountId).update();
		if (annualSpend != null) {
			this.jdbc.sql("""
					insert into segmentation_wallet (account_id, annual_spend, updated_by, updated_at)
					values (:id, :spend, :by, :at)""")
				.param("id", accountId)
				.param("spend", annualSpend)
				.param("by", me.username())
				.param("at", LocalDateTime.now(this.clock))
				.update();
		}
		Map<String, Object> old = new HashMap<>();
		old.put("walletSpend", (before != null) ? before.stripTrailingZeros().toPlainString() : null);
		Map<String, Object> now = new HashMap<>();
		now.put("walletSpend", (annualSpend != null) ? annualSpend.stripTrailingZeros().toPlainString() : null);
		this.audit.changed("SegmentationWallet", accountId, accountId, old, now);
	}

	private static void requireManager(CurrentUser me) {
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers pin accounts");
		}
	}

}
