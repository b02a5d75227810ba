package io.dakehu.contract;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Draws contract numbers from a yearly sequence and formats them by the configured
 * pattern ({@code dakehu.contract.number-pattern}, default {@code HT-{year}-{seq:5}}:
 * {@code HT-2026-00042}). {@code {year}} is the year of signing, {@code {seq:n}} the
 * sequence padded to n digits. The counter row is incremented under its row lock inside
 * the caller's transaction, so concurrent contracts never draw the same number and a
 * rolled-back one gives its number back.
 */
@Component
class ContractNumbers {

	private static final Pattern SEQUENCE = Pattern.compile("\\{seq(?::(\\d+))?}");

	private final JdbcClient jdbc;

	private final String pattern;

	private final TransactionTemplate separately;

	ContractNumbers(JdbcClient jdbc, PlatformTransactionManager transactions,
			@Value("${dakehu.contract.number-pattern:HT-{year}-{seq:5}}") String pattern) {
		this.jdbc = jdbc;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		if (!SEQUENCE.matcher(pattern).find()) {
			throw new IllegalArgumentException("dakehu.contract.number-pattern needs {seq}: " + pattern);
		}
		this.pattern = pattern;
	}

	/** The next number of the signing year. */
	String next(LocalDate signed) {
		int year = signed.getYear();
		openYear(year);
		this.jdbc.sql("update contract_number_counter set last_value = last_value + 1 where year = :year")
			.param("year", year)
			.update();
		int value = this.jdbc.sql("select last_value from contract_number_counter where year = :year")
			.param("year", year)
			.query(Integer.class)
			.single();
		return format(this.pattern, year, value);
	}

	/**
	 * Creates the year's counter row in a transaction of its own, committed at once, so
	 * contracts signed at the same moment in a new year meet on the row's lock rather
	 * than on two inserts of it.
	 */
	private void openYear(int year) {
		boolean open = this.jdbc.sql("select count(*) from contract_number_counter where year = :year")
			.param("year", year)
			.query(Long.class)
			.single() > 0;
		if (open) {
			return;
		}
		try {
			this.separately.executeWithoutResult((status) -> this.jdbc
				.sql("insert into contract_number_counter (year, last_value) values (:year, 0) on conflict do nothing")
				.param("year", year)
				.update());
		}
		catch (DataIntegrityViolationException | ConcurrencyFailureException ex) {
			// Another transaction created the row in between: it is there to count on.
		}
	}

	static String format(String pattern, int year, int value) {
		Matcher matcher = SEQUENCE.matcher(pattern.replace("{year}", Integer.toString(year)));
		StringBuilder number = new StringBuilder();
		while (matcher.find()) {
			int width = (matcher.group(1) != null) ? Integer.parseInt(matcher.group(1)) : 1;
			matcher.appendReplacement(number, String.format("%0" + width + "d", value));
		}
		matcher.appendTail(number);
		return number.toString();
	}

}
