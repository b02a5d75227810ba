package io.dakehu.segmentation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The decisions taken for BZ customers (DOMAIN.md §3.4), kept as history: a decision
 * answers the BZ class of one company-wide run and stands while every later company-wide
 * run keeps the customer in BZ; once a run puts it elsewhere (or no longer ranks it) the
 * decision is history and a new BZ class asks for a new one.
 */
@Component
class BzDecisions {

	private static final int REASON_LENGTH = 500;

	private static final String STANDING = """
			select d.account_id, d.run_id, d.decision, d.reason, d.owner_id, d.decided_on, d.recorded_by,
			       d.recorded_at
			from segmentation_bz_decision d
			where d.account_id in (:ids) and d.run_id <= :upTo
			  and d.id = (select max(n.id) from segmentation_bz_decision n
			              where n.account_id = d.account_id and n.run_id <= :upTo)
			  and not exists (
			      select 1 from segmentation_run r
			      where r.population is null and r.id > d.run_id and r.id <= :upTo
			        and not exists (select 1 from segmentation_snapshot s
			                        where s.run_id = r.id and s.account_id = d.account_id and s.value_growth = 'BZ'))""";

	private final JdbcClient jdbc;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	BzDecisions(JdbcClient jdbc, Users users, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * The decisions that stand for these accounts as of run {@code upToRun}, by account.
	 */
	Map<Long, BzDecision> standing(Collection<Long> accountIds, long upToRun) {
		Map<Long, BzDecision> decisions = new HashMap<>();
		if (accountIds.isEmpty()) {
			return decisions;
		}
		List<Object[]> rows = this.jdbc.sql(STANDING)
			.param("ids", Set.copyOf(accountIds))
			.param("upTo", upToRun)
			.query(BzDecisions::raw)
			.list();
		Set<Long> owners = new HashSet<>();
		rows.forEach((row) -> owners.add((Long) row[4]));
		Map<Long, UserSummary> people = this.users.byIds(owners);
		for (Object[] row : rows) {
			long owner = (Long) row[4];
			UserSummary person = people.get(owner);
			decisions.put((Long) row[0],
					new BzDecision((Long) row[0], (Long) row[1], BzChoice.valueOf((String) row[2]), (String) row[3],
							owner, (person != null) ? person.displayName() : null, (LocalDate) row[5], (String) row[6],
							(LocalDateTime) row[7]));
		}
		return decisions;
	}

	private static Object[] raw(ResultSet rs, int n) throws SQLException {
		return new Object[] { rs.getLong(1), rs.getLong(2), rs.getString(3).strip(), rs.getString(4), rs.getLong(5),
				rs.getDate(6).toLocalDate(), rs.getString(7), rs.getTimestamp(8).toLocalDateTime() };
	}

	/**
	 * Records the decision for a customer that is BZ in the given (latest company-wide)
	 * run. Managers, directors and administrators decide; audited on the account.
	 * @param bzInRun whether the account is BZ in {@code runId}
	 */
	void record(CurrentUser me, long accountId, long runId, boolean bzInRun, BzDecisionInput input) {
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers decide on BZ customers");
		}
		if (!bzInRun) {
			throw new RuleViolationException("decision", "validation.segmentation.notBz");
		}
		if (input.decision() == null) {
			throw new RuleViolationException("decision", "validation.segmentation.decisionRequired");
		}
		if (!StringUtils.hasText(input.reason())) {
			throw new RuleViolationException("reason", "validation.segmentation.bzReasonRequired");
		}
		String reason = input.reason().strip();
		if (reason.length() > REASON_LENGTH) {
			throw new RuleViolationException("reason", "validation.segmentation.reasonTooLong", REASON_LENGTH);
		}
		if (!StringUtils.hasText(input.owner())) {
			throw new RuleViolationException("owner", "validation.segmentation.bzOwnerRequired");
		}
		UserSummary owner = this.users.requireActive(input.owner().strip(), "owner");
		LocalDate today = LocalDate.now(this.clock);
		LocalDate decidedOn = (input.decidedOn() != null) ? input.decidedOn() : today;
		if (decidedOn.isAfter(today)) {
			throw new RuleViolationException("decidedOn", "validation.segmentation.notFuture");
		}
		Map<String, Object> before = auditValues(standing(Set.of(accountId), runId).get(accountId));
		this.jdbc.sql("""
				insert into segmentation_bz_decision (account_id, run_id, decision, reason, owner_id, decided_on,
				    recorded_by, recorded_at)
				values (:account, :run, :decision, :reason, :owner, :decidedOn, :by, :at)""")
			.param("account", accountId)
			.param("run", runId)
			.param("decision", input.decision().name())
			.param("reason", reason)
			.param("owner", owner.id())
			.param("decidedOn", decidedOn)
			.param("by", me.username())
			.param("at", LocalDateTime.now(this.clock))
			.update();
		this.audit.changed("SegmentationBzDecision", accountId, accountId, before,
				auditValues(standing(Set.of(accountId), runId).get(accountId)));
	}

	private Map<String, Object> auditValues(BzDecision decision) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("bzDecision", (decision != null) ? decision.decision().name() : null);
		values.put("bzReason", (decision != null) ? decision.reason() : null);
		values.put("bzOwner", (decision != null) ? this.users.get(decision.ownerId()).username() : null);
		values.put("bzDecidedOn", (decision != null) ? decision.decidedOn().toString() : null);
		return values;
	}

}
