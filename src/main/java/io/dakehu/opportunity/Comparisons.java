package io.dakehu.opportunity;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Competitor comparisons on the buyer's supplier-selection criteria (DOMAIN.md §8).
 * Saving replaces the whole comparison, as the form shows it whole.
 */
@Service
@Transactional
public class Comparisons {

	private final JdbcClient jdbc;

	private final Opportunities opportunities;

	private final AuditTrail audit;

	Comparisons(JdbcClient jdbc, Opportunities opportunities, AuditTrail audit) {
		this.jdbc = jdbc;
		this.opportunities = opportunities;
		this.audit = audit;
	}

	@Transactional(readOnly = true)
	public Comparison get(RecordScope scope, long opportunityId) {
		this.opportunities.get(scope, opportunityId);
		Map<Criterion, Integer> weights = new EnumMap<>(Criterion.class);
		Map<Criterion, Integer> ours = new EnumMap<>(Criterion.class);
		this.jdbc.sql("select criterion, weight, our_score from opportunity_criterion where opportunity_id = :id")
			.param("id", opportunityId)
			.query((java.sql.ResultSet rs) -> {
				Criterion criterion = Criterion.valueOf(rs.getString(1));
				weights.put(criterion, rs.getInt(2));
				Integer score = rs.getObject(3, Integer.class);
				if (score != null) {
					ours.put(criterion, score);
				}
			});
		Map<String, Map<Criterion, Integer>> competitors = new TreeMap<>();
		this.jdbc
			.sql("select competitor, criterion, score from opportunity_competitor_score where opportunity_id = :id")
			.param("id", opportunityId)
			.query((java.sql.ResultSet rs) -> {
				competitors.computeIfAbsent(rs.getString(1), (k) -> new EnumMap<>(Criterion.class))
					.put(Criterion.valueOf(rs.getString(2)), rs.getInt(3));
			});
		return compare(opportunityId, new ComparisonInput(weights, ours, competitors));
	}

	/**
	 * Works out totals and the weakest point; package-private so the rule is tested
	 * without a database.
	 */
	static Comparison compare(long opportunityId, ComparisonInput input) {
		List<String> names = new ArrayList<>(new TreeSet<>(input.competitors().keySet()));
		List<Comparison.Row> rows = new ArrayList<>();
		int ourTotal = 0;
		int maxTotal = 0;
		Map<String, Integer> totals = new LinkedHashMap<>();
		names.forEach((name) -> totals.put(name, 0));
		Criterion weakest = null;
		int worstGap = 0;
		for (Criterion criterion : Criterion.values()) {
			Integer weight = input.weights().get(criterion);
			if (weight == null) {
				continue;
			}
			Integer ours = input.ours().get(criterion);
			Map<String, Integer> theirs = new LinkedHashMap<>();
			int best = 0;
			for (String name : names) {
				Integer score = input.competitors().get(name).get(criterion);
				theirs.put(name, score);
				if (score != null) {
					totals.merge(name, weight * score, Integer::sum);
					best = Math.max(best, score);
				}
			}
			rows.add(new Comparison.Row(criterion, weight, ours, theirs));
			maxTotal += weight * 5;
			if (ours == null) {
				continue;
			}
			ourTotal += weight * ours;
			int gap = weight * (((best > 0) ? best : 5) - ours);
			if (gap > worstGap) {
				worstGap = gap;
				weakest = criterion;
			}
		}
		return new Comparison(opportunityId, rows, names, ourTotal, totals, maxTotal, weakest);
	}

	public Comparison save(CurrentUser editor, long opportunityId, ComparisonInput input) {
		OpportunityView opportunity = this.opportunities.get(editor.scope(), opportunityId);
		input.weights().forEach((criterion, weight) -> {
			if (weight == null || weight < 0 || weight > 100) {
				throw new RuleViolationException("weights." + criterion.name(), "opportunity.validation.weight");
			}
		});
		input.ours().forEach((criterion, score) -> {
			requireScore("ours." + criterion.name(), score);
			if (!input.weights().containsKey(criterion)) {
				throw new RuleViolationException("weights." + criterion.name(), "opportunity.validation.required");
			}
		});
		input.competitors().forEach((name, scores) -> {
			if (name == null || name.isBlank() || name.length() > 200) {
				throw new RuleViolationException("competitors", "opportunity.validation.requiredMax", 200);
			}
			scores.forEach((criterion, score) -> requireScore("competitors." + name + "." + criterion.name(), score));
		});
		Comparison before = get(editor.scope(), opportunityId);
		this.jdbc.sql("delete from opportunity_criterion where opportunity_id = :id")
			.param("id", opportunityId)
			.update();
		this.jdbc.sql("delete from opportunity_competitor_score where opportunity_id = :id")
			.param("id", opportunityId)
			.update();
		input.weights()
			.forEach((criterion, weight) -> this.jdbc.sql("""
					insert into opportunity_criterion (opportunity_id, criterion, weight, our_score)
					values (:id, :criterion, :weight, :ours)""")
				.param("id", opportunityId)
				.param("criterion", criterion.name())
				.param("weight", weight)
				.param("ours", input.ours().get(criterion))
				.update());
		input.competitors()
			.forEach((name,
					scores) -> scores.forEach((criterion, score) -> this.jdbc.sql("""
							insert into opportunity_competitor_score (opportunity_id, competitor, criterion, score)
							values (:id, :name, :criterion, :score)""")
						.param("id", opportunityId)
						.param("name", name.strip())
						.param("criterion", criterion.name())
						.param("score", score)
						.update()));
		Comparison after = get(editor.scope(), opportunityId);
		this.audit.changed("OpportunityComparison", opportunityId, opportunity.accountId(), summary(before),
				summary(after));
		return after;
	}

	private static Map<String, Object> summary(Comparison comparison) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("ourTotal", comparison.ourTotal());
		values.put("competitors", String.join(", ", comparison.competitors()));
		values.put("weakest", comparison.weakest());
		return values;
	}

	private static void requireScore(String field, Integer score) {
		if (score == null || score < 1 || score > 5) {
			throw new RuleViolationException(field, "opportunity.validation.score");
		}
	}

}
