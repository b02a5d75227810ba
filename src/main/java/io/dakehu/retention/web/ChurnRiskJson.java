package io.dakehu.retention.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.dakehu.retention.ChurnRisk;

/**
 * A churn risk as the API shows it: the score, the level, each factor with its points,
 * the fact told in the reader's language and the numbers behind it, and the next action.
 */
record ChurnRiskJson(long accountId, String accountName, String owner, String tier, int score, String level,
		BigDecimal revenue, LocalDate asOf, long runId, List<FactorJson> factors, NextAction nextAction) {

	static ChurnRiskJson of(ChurnRisk risk, String owner, ChurnFacts facts) {
		List<FactorJson> factors = risk.factors()
			.stream()
			.map((f) -> new FactorJson(f.code().name(), f.points(), facts.fact(f), f.facts()))
			.toList();
		NextAction next = (risk.nextAction() != null)
				? new NextAction(risk.nextAction().name(), facts.nextAction(risk.nextAction())) : null;
		return new ChurnRiskJson(risk.accountId(), risk.accountName(), owner, risk.tier(), risk.score(),
				risk.level().name(), risk.revenue(), risk.asOf(), risk.runId(), factors, next);
	}

	record FactorJson(String code, int points, String fact, Map<String, Object> values) {
	}

	record NextAction(String code, String text) {
	}

}
