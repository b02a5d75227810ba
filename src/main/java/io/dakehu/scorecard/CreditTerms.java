package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The credit a grade suggests (DOMAIN.md §5, docs/decisions/0028): a share of the last
 * twelve months' purchases as the limit, and the payment terms, from the
 * {@code credit_terms} table. A grade the table does not list gets no credit.
 */
@Component
class CreditTerms {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final JdbcClient jdbc;

	CreditTerms(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Suggestion suggest(String grade, BigDecimal purchases12m) {
		Optional<Suggestion> row = this.jdbc
			.sql("select limit_percent, terms_days from credit_terms where grade = :grade")
			.param("grade", grade)
			.query((rs, n) -> suggestion(rs.getBigDecimal(1), rs.getInt(2), purchases12m))
			.optional();
		return row.orElse(new Suggestion(BigDecimal.ZERO.setScale(2), 0));
	}

	/**
	 * The rule itself: the limit is the grade's share of the purchases, to the cent,
	 * rounded half up; no purchases, no credit.
	 */
	static Suggestion suggestion(BigDecimal percent, int termsDays, BigDecimal purchases12m) {
		BigDecimal base = (purchases12m.signum() > 0) ? purchases12m : BigDecimal.ZERO;
		return new Suggestion(base.multiply(percent).divide(HUNDRED, 2, RoundingMode.HALF_UP), termsDays);
	}

	/**
	 * @param termsDays 0 means payment in advance
	 */
	record Suggestion(BigDecimal limit, int termsDays) {
	}

}
