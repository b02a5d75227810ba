package io.dakehu.account;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.dakehu.shared.KeyLookups;
import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.ProbeTables;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The imports' per-chunk account lookups are served by the plain b-tree on their key
 * column, and the search index on account names cannot serve the name lookup at all
 * (issue #18 part 4; BENCHMARKS.md, "Imports whose plans cannot flip"). The statements
 * run against a temporary copy of the account table with its indexes, filled with 20,000
 * names of the kind an import meets and analysed, so neither the plan nor the time
 * depends on what other tests left in the database; everything is rolled back.
 */
@PostgresIntegrationTest
class AccountLookupPlanPostgresTests {

	private static final int CHUNK = 5000;

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	private final KeyLookups postgres = new KeyLookups(true);

	@Test
	void eachNameOfAChunkProbesThePlainIndexAndNeverTheSearchIndex() {
		inProbeTable(() -> {
			String sql = onProbe(AccountQueries.byNamesSql(this.postgres, "1 = 1"));
			Map<String, Object> params = Map.of("keys", names());
			String plain = index("btree (name_key COLLATE \"C\")");
			String search = index("gin (name_grams)");
			assertThat(plan(sql, params)).contains("Index Scan using " + plain + " ").doesNotContain(search + " ");

			// Even with every other way in gone, the name search's index cannot serve the
			// lookup.
			dropAllIndexesBut(search);
			this.jdbc.update("set local enable_seqscan = off", Map.of());
			assertThat(plan(sql, params)).doesNotContain(search + " ");
		});
	}

	@Test
	void duplicateNamesAndRegistrationIdsProbeTheirPlainIndexes() {
		inProbeTable(() -> {
			Map<String, Object> names = Map.of("keys", names());
			assertThat(plan(onProbe(AccountQueries.lastWrittenSql(this.postgres, "match_key")), names))
				.contains("Index Scan using " + index("btree (match_key)"));
			Map<String, Object> registrations = Map.of("keys",
					IntStream.rangeClosed(1, CHUNK).mapToObj((i) -> "9131%014d".formatted(i)).toArray(String[]::new));
			assertThat(plan(onProbe(AccountQueries.lastWrittenSql(this.postgres, "registration_id")), registrations))
				.contains("Index Scan using " + index("btree (registration_id)"));
		});
	}

	/** A chunk of names as an import file has them, none of them stored yet. */
	private static String[] names() {
		return IntStream.rangeClosed(1, CHUNK).mapToObj((i) -> "客户 %05d 有限公司".formatted(i)).toArray(String[]::new);
	}

	private void inProbeTable(Runnable check) {
		TransactionTemplate transaction = new TransactionTemplate(this.transactions);
		transaction.executeWithoutResult((status) -> {
			status.setRollbackOnly();
			this.jdbc.update(ProbeTables.temporaryCopy("account", "account_probe"), Map.of());
			// Names sharing the words and digits of the chunk's, as stored customers do.
			this.jdbc.update("""
					insert into account_probe (id, name, name_key, match_key, registration_id, owner_id, status,
					                           archived, created_at, updated_at, version)
					select x, '客户 ' || (100000 + x) || ' 有限公司', '客户 ' || (100000 + x) || ' 有限公司',
					       '客户' || (100000 + x), '9144' || lpad(cast(x as varchar), 14, '0'), null, 'ACTIVE', false,
					       localtimestamp, localtimestamp, 1
					from generate_series(1, 20000) x""", Map.of());
			ProbeTables.index(JdbcClient.create(this.jdbc), "account", "account_probe");
			this.jdbc.update("analyze account_probe", Map.of());
			check.run();
		});
	}

	private static String onProbe(String sql) {
		assertThat(sql).contains(" account a ");
		return sql.replace(" account a ", " account_probe a ");
	}

	private String plan(String sql, Map<String, Object> params) {
		return String.join("\n", this.jdbc.queryForList("explain " + sql, params, String.class));
	}

	private String indexes() {
		return this.jdbc
			.queryForList("select indexdef from pg_indexes where tablename = 'account_probe'", Map.of(), String.class)
			.stream()
			.collect(Collectors.joining("\n"));
	}

	/**
	 * The name PostgreSQL gave the probe table's copy of the index of this definition.
	 */
	private String index(String definition) {
		List<String> names = this.jdbc.queryForList(
				"select indexname from pg_indexes where tablename = 'account_probe' and indexdef like :definition",
				Map.of("definition", "% USING " + definition), String.class);
		assertThat(names).as(indexes()).hasSize(1);
		return names.get(0);
	}

	private void dropAllIndexesBut(String kept) {
		for (String name : this.jdbc.queryForList(
				"select indexname from pg_indexes where tablename = 'account_probe'"
						+ " and indexname <> :kept and indexdef not like '%UNIQUE%'",
				Map.of("kept", kept), String.class)) {
			this.jdbc.update("drop index " + name, Map.of());
		}
	}

}
