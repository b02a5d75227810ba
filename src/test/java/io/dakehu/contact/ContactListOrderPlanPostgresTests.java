package io.dakehu.contact;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.ProbeTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact list by creation reads its page from an index in that order, in one book's
 * range and company-wide (migration V188, decision 0075): without one a director's first
 * page sorted every person, 560 ms at 1M contacts. The statements have the list's shape;
 * they run against a copy of the contact table with all its indexes, filled with 30,000
 * people in 300 books and analysed once for the class (the tests only read it) and
 * dropped after it. The rows are checked against the order worked out here from how they
 * were made.
 */
@PostgresIntegrationTest
@TestInstance(Lifecycle.PER_CLASS)
class ContactListOrderPlanPostgresTests {

	private static final int PEOPLE = 30_000;

	private static final int BOOKS = 300;

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	/** Book x % 300 + 1; creation times in an order other than the ids'. */
	@BeforeAll
	void fill() {
		this.jdbc.update(ProbeTables.keptCopy("contact", "contact_probe"), Map.of());
		this.jdbc.update("""
				insert into contact_probe (id, account_id, name, created_at, version, book_owner_id)
				select x, x, 'Person ' || x, timestamp '2026-01-01' + (x * 7919 % 30000) * interval '1 minute', 0,
				       1 + x % 300
				from generate_series(1, 30000) x""", Map.of());
		ProbeTables.index(JdbcClient.create(this.jdbc), "contact", "contact_probe");
		this.jdbc.update("analyze contact_probe", Map.of());
	}

	@AfterAll
	void drop() {
		this.jdbc.update("drop table if exists contact_probe", Map.of());
	}

	@ParameterizedTest
	@ValueSource(strings = { "asc", "desc" })
	void aPageByCreationIsReadFromAnIndexInThatOrder(String direction) {
		String order = " order by c.created_at " + direction + ", c.id " + direction + " limit 20";

		String book = "select c.id from contact_probe c where c.book_owner_id = :book" + order;
		Map<String, Object> params = Map.of("book", 7L);
		assertThat(plan(book, params))
			.containsPattern("Index (Only )?Scan( Backward)? using \\S*book_owner_id_created_at\\S*")
			.doesNotContain("Sort");
		assertThat(this.jdbc.queryForList(book, params, Long.class)).isEqualTo(expected(direction, 7L));

		String everyone = "select c.id from contact_probe c" + order;
		assertThat(plan(everyone, Map.of()))
			.containsPattern("Index (Only )?Scan( Backward)? using \\S*created_at_id\\S*")
			.doesNotContain("Sort");
		assertThat(this.jdbc.queryForList(everyone, Map.of(), Long.class)).isEqualTo(expected(direction, null));
	}

	private String plan(String sql, Map<String, Object> params) {
		return String.join("\n", this.jdbc.queryForList("explain " + sql, params, String.class));
	}

	/** The first twenty ids by creation, from the formula the probe was filled with. */
	private static List<Long> expected(String direction, Long book) {
		Comparator<Long> byCreation = Comparator.comparing((Long x) -> x * 7919 % PEOPLE);
		return LongStream.rangeClosed(1, PEOPLE)
			.boxed()
			.filter((x) -> book == null || 1 + x % BOOKS == book)
			.sorted(direction.equals("desc") ? byCreation.reversed() : byCreation)
			.limit(20)
			.toList();
	}

}
