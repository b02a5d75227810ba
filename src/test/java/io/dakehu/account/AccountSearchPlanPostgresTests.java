package io.dakehu.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.dakehu.shared.NameSearch;
import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account search's name condition is answered by the index of the names'
 * two-character pieces (decision 0054), a two-character Chinese search included, which a
 * trigram index could not serve. The statement runs against a temporary copy of the
 * account table with its indexes, filled with 20,000 Chinese company names and analysed;
 * everything is rolled back.
 */
@PostgresIntegrationTest
class AccountSearchPlanPostgresTests {

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	NameSearch nameSearch;

	@Test
	void aTwoCharacterSearchReadsTheNamePiecesIndexAndFindsTheOneName() {
		inProbe(() -> {
			String wanted = this.jdbc.queryForObject("select substr(name, 3, 2) from account_probe where id = 12345",
					Map.of(), String.class);
			NameSearch.Condition name = this.nameSearch.containing("account_probe", "a.name_key", "a.name_grams",
					wanted, "q");
			String sql = "select a.id from account_probe a where a.archived = false and " + name.sql()
					+ " order by a.name_key, a.id limit 20";
			Map<String, Object> params = new HashMap<>(name.params());

			assertThat(String.join("\n", this.jdbc.queryForList("explain " + sql, params, String.class)))
				.containsPattern("Bitmap Index Scan on \\S*name_grams\\S*");
			assertThat(this.jdbc.queryForList(sql, params, Long.class)).contains(12345L);
		});
	}

	/**
	 * A whole company name holds the pieces every name holds ("上海", "有限", "公司"): the
	 * index is asked for the others only (decision 0067), and finds the one name.
	 */
	@Test
	void aWholeNameAsksTheIndexOnlyForItsRarePieces() {
		inProbe(() -> {
			String wanted = this.jdbc.queryForObject("select name from account_probe where id = 12345", Map.of(),
					String.class);
			NameSearch.Condition name = this.nameSearch.containing("account_probe", "a.name_key", "a.name_grams",
					wanted, "q");
			String sql = "select a.id from account_probe a where a.archived = false and " + name.sql()
					+ " order by a.name_key, a.id limit 20";
			Map<String, Object> params = new HashMap<>(name.params());

			List<String> plan = this.jdbc.queryForList("explain " + sql, params, String.class);
			assertThat(String.join("\n", plan)).containsPattern("Bitmap Index Scan on \\S*name_grams\\S*");
			String lookedUp = plan.stream().filter((line) -> line.contains("Index Cond")).findFirst().orElseThrow();
			assertThat(lookedUp).contains(wanted.substring(2, 4)).doesNotContain("有限", "公司", "上海");
			assertThat(this.jdbc.queryForList(sql, params, Long.class)).containsExactly(12345L);
		});
	}

	/**
	 * Runs the check against a temporary copy of the account table with 20,000 Chinese
	 * company names that share a city and a suffix, rolled back after.
	 */
	/**
	 * Latin names and numbers share their two-character pieces ("24" is in one number of
	 * twenty-five): the search asks for the three-character pieces of the text's runs of
	 * letters and digits, which the database keeps for each name (decision 0077), and
	 * finds every name holding the text.
	 */
	@Test
	void aLatinSearchAsksForTheThreeCharacterPiecesOfItsRuns() {
		inProbe("account_latin", "select x, 'customer ' || x n from generate_series(1, 50000) x", () -> {
			NameSearch.Condition name = this.nameSearch.containing("account_latin", "a.name_key", "a.name_grams",
					"Customer 4242", "q");
			assertThat(name.params()).containsEntry("qPieces", "{\"424\",\"242\"}");
			String sql = "select a.id from account_latin a where " + name.sql() + " order by a.id";
			assertThat(String.join("\n", this.jdbc.queryForList("explain " + sql, name.params(), String.class)))
				.containsPattern("Bitmap Index Scan on \\S*name_grams\\S*");
			assertThat(this.jdbc.queryForList(sql, name.params(), Long.class))
				.isEqualTo(LongStream.rangeClosed(1, 50000)
					.filter((x) -> ("customer " + x).contains("customer 4242"))
					.boxed()
					.toList());
		});
	}

	private void inProbe(Runnable check) {
		// Two characters that vary with the row between a common prefix and suffix.
		inProbe("account_probe", """
				select x, '上海' || chr(19968 + (x * 7) % 20902) || chr(19968 + (x * 13) % 20902) || '科技有限公司' n
				from generate_series(1, 20000) x""", check);
	}

	/**
	 * Runs the check on a temporary copy of the account table named {@code table},
	 * holding the names {@code names} selects as {@code (x, n)}, rolled back after.
	 */
	private void inProbe(String table, String names, Runnable check) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			// The indexes are built after the rows, as on a table that has lived: a fresh
			// GIN index holds new rows in a pending list that makes it look dearer.
			this.jdbc.update("create temporary table " + table
					+ " (like account including all excluding indexes) on commit drop", Map.of());
			this.jdbc.update("insert into " + table + """
					 (id, name, name_key, match_key, owner_id, status, archived, created_at, updated_at, version)
					select x, n, n, n, null, 'ACTIVE', false, localtimestamp, localtimestamp, 1 from (""" + names
					+ ") names", Map.of());
			this.jdbc.update("create index on " + table + " using gin (name_grams)", Map.of());
			this.jdbc.update("create index on " + table + " (archived, name_key, id)", Map.of());
			this.jdbc.update("analyze " + table, Map.of());
			check.run();
		});
	}

}
