package io.dakehu.opportunity;

import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Win probabilities from history (DOMAIN.md §8): beside each buying step's configured
 * probability, the share of the opportunities closed in the last 24 months that reached
 * the step and were won, with the counts behind it; an administrator may adopt it.
 * <p>
 * How far a closed opportunity got: the furthest step in its stage history; the supplier
 * search when it carries an engage date (the first import format's "engaged"); at least
 * the recognised problem every opportunity starts from; and every step for a won one,
 * whose order went the buyer's whole way. Reaching a step means reaching it or a later
 * one.
 */
@Service
@Transactional(readOnly = true)
public class WinRates {

	static final int WINDOW_MONTHS = 24;

	private final JdbcClient jdbc;

	private final Pipeline pipeline;

	private final AuditTrail audit;

	private final Clock clock;

	WinRates(JdbcClient jdbc, Pipeline pipeline, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.pipeline = pipeline;
		this.audit = audit;
		this.clock = clock;
	}

	/** One rate per buying step, in the buyer's order, over the last 24 months. */
	public List<StageWinRate> rates() {
		List<Stage> steps = Stage.open();
		StringBuilder index = new StringBuilder("case h.stage");
		for (int i = 0; i < steps.size(); i++) {
			index.append(" when '").append(steps.get(i).name()).append("' then ").append(i + 1);
		}
		index.append(" end");
		LocalDate today = LocalDate.now(this.clock);
		long[] reachedFurthest = new long[steps.size() + 1];
		long[] wonFurthest = new long[steps.size() + 1];
		this.jdbc.sql("""
				select r.furthest, count(*), sum(r.won)
				from (
				    select case when o.stage = 'WON' then %1$d
				                else greatest(coalesce(max(%2$s), 1),
				                              case when o.engage_date is not null then %3$d else 1 end) end as furthest,
				           case when o.stage = 'WON' then 1 else 0 end as won
				    from opportunity o
				    left join opportunity_stage_history h on h.opportunity_id = o.id
				    where o.stage in ('WON', 'LOST') and o.close_date between :from and :to
				    group by o.id, o.stage, o.engage_date) r
				group by r.furthest""".formatted(steps.size(), index, steps.indexOf(Stage.SUPPLIER_SEARCH) + 1))
			.param("from", today.minusMonths(WINDOW_MONTHS))
			.param("to", today)
			.query((ResultSet rs) -> {
				int furthest = rs.getInt(1);
				reachedFurthest[furthest] += rs.getLong(2);
				wonFurthest[furthest] += rs.getLong(3);
			});
		List<StageWinRate> rates = new ArrayList<>(steps.size());
		long reached = 0;
		long won = 0;
		for (int i = steps.size(); i >= 1; i--) {
			reached += reachedFurthest[i];
			won += wonFurthest[i];
			rates.add(0, StageWinRate.of(steps.get(i - 1), reached, won));
		}
		return rates;
	}

	/**
	 * Makes history the configured probability of the given steps; administrators only,
	 * audited with the counts the new figure rests on. Steps without history are refused.
	 * @return the probabilities after the change
	 */
	@Transactional
	public Map<Stage, Integer> adopt(CurrentUser editor, List<Stage> stages) {
		if (!editor.isAdmin()) {
			throw new AccessDeniedException("administrators only");
		}
		if (stages.isEmpty()) {
			throw new RuleViolationException("stages", "opportunity.validation.required");
		}
		Map<Stage, StageWinRate> rates = new EnumMap<>(Stage.class);
		rates().forEach((rate) -> rates.put(rate.stage(), rate));
		Map<Stage, Integer> changed = new EnumMap<>(Stage.class);
		Map<String, Object> basis = new LinkedHashMap<>();
		for (Stage stage : stages) {
			StageWinRate rate = rates.get(stage);
			if (rate == null || rate.percent() == null) {
				throw new RuleViolationException(stage.name(), "probabilities.noHistory");
			}
			changed.put(stage, rate.percent());
			basis.put("history." + stage.name(), rate.won() + "/" + rate.reached());
		}
		Map<Stage, Integer> after = this.pipeline.updateProbabilities(editor, changed);
		this.audit.changed("StageProbability", 0, null, Map.of(), basis);
		return after;
	}

}
