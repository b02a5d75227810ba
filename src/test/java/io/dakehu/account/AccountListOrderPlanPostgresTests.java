package io.dakehu.account;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.ProbeTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every order the account list offers reads its page from an index in that order and
 * stops after it, for a reader who sees every account, for one owner's book (migrations
 * V168, V187, decision 0075) and for each member of a team (decision 0076): a page sorted
 * by the whole book instead cost 63–690 ms at 1M accounts. The statement has the list's
 * shape; it runs against a copy of the account table with all its indexes, filled with
 * 30,000 accounts of 300 owners (20 for the team's) and analysed. The two copies the
 * tests only read are made once for the class and dropped after it: filling the table's
 * 53 indexes took 2.6–3 s a copy, nine copies a run; the test that changes its copy makes
 * its own, rolled back. The rows it answers are checked against the order worked out here
 * from how they were made.
 */
@PostgresIntegrationTest
@TestInstance(Lifecycle.PER_CLASS)
class AccountListOrderPlanPostgresTests {

	private static final int ACCOUNTS = 30_000;

	private static final int OWNERS = 300;

	/** The owners of the probe for a team's page: 1,500 accounts each. */
	private static final int TEAM_OWNERS = 20;

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	/**
	 * Once for the class: the tests of every owner's and of a team's pages only read
	 * them.
	 */
	@BeforeAll
	void fill() {
		probe("account_order_probe", false, OWNERS);
		probe("account_team_probe", false, TEAM_OWNERS);
	}

	@AfterAll
	void drop() {
		this.jdbc.update("drop table if exists account_order_probe, account_team_probe", Map.of());
	}

	@ParameterizedTest
	@CsvSource({ "a.name_key asc, a.id asc, name_key", "a.updated_at desc, a.id desc, updated_at",
			"a.created_at desc, a.id desc, created_at", "a.region asc, a.id asc, region",
			"a.region desc, a.id desc, region", "a.industry asc, a.id asc, industry" })
	void onePageIsReadFromAnIndexInTheListsOrder(String column, String tieBreak, String indexed) {
		String order = column + ", " + tieBreak;
		String select = "select a.id from account_order_probe a where a.merged_into is null"
				+ " and a.owner_id is not null and a.archived = false and ";
		String suffix = " order by " + order + " limit 20 offset 0";

		String own = select + "a.owner_id in (:owner)" + suffix;
		Map<String, Object> params = Map.of("owner", 7L);
		assertThat(plan(own, params))
			.containsPattern("Index Scan( Backward)? using \\S*owner_id_archived_" + indexed + "\\S*")
			.doesNotContain("Sort");
		List<Long> ownIds = this.jdbc.queryForList(own, params, Long.class);
		assertThat(ownIds).isEqualTo(expected(order, 7L, OWNERS));

		String everyone = select + "true" + suffix;
		String companyWide = indexed.equals("region") || indexed.equals("industry") ? indexed + "_archived_id"
				: "archived_" + indexed;
		assertThat(plan(everyone, Map.of())).containsPattern("Index Scan( Backward)? using \\S*" + companyWide + "\\S*")
			.doesNotContain("Sort");
		assertThat(this.jdbc.queryForList(everyone, Map.of(), Long.class)).isEqualTo(expected(order, null, OWNERS));
	}

	@ParameterizedTest
	@CsvSource({ "a.name_key asc, a.id asc, name_key", "a.created_at desc, a.id desc, created_at" })
	void aTeamMembersMatchesAreWalkedInTheListsOrderHoweverTheFilterIsGuessed(String column, String tieBreak,
			String indexed) {
		// Each owner of the probe has one industry, so a filter by the industry of
		// owner 7 meets all of owner 7's 1,350 live accounts, and PostgreSQL,
		// multiplying the owner's share by the industry's, expects 68: left to itself
		// it read them all through the owner's industry index and sorted them
		// (decision 0076).
		String order = column + ", " + tieBreak;
		String industry = "Industry " + (6 * 13 % 20);
		TeamPage page = new TeamPage(
				"select a.id, a.archived, a.industry, " + column.replace(" asc", "").replace(" desc", "")
						+ " as sort_key from account_team_probe a",
				false, " and a.archived = false and a.industry = '" + industry + "'", " order by " + order,
				order.endsWith("desc") ? " desc" : " asc", 20, false);
		Map<String, Object> params = new HashMap<>(Map.of("limit", 20, "offset", 0));
		String sql = page.sql(TeamPage.Members.holding(Map.of(7L, 1350L), 20), params);
		String plan = plan(sql, params);
		assertThat(plan).containsPattern("Index Scan( Backward)? using \\S*owner_id_archived_" + indexed + "\\S*")
			// The member's rows not sorted: only the page's reach of them, merged.
			.doesNotContain("Sort Key: a.");
		assertThat(this.jdbc.query(sql, params, (rs, n) -> rs.getLong("id")))
			.isEqualTo(expected(order, 7L, TEAM_OWNERS));
	}

	@Test
	void theKeyAccountsOfATypeAreReadInNameOrderFromTheirOwnIndex() {
		// One account in a hundred has a type (migration V189): walking the name index
		// for them read a hundred accounts for each one shown.
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			probe("account_probe", true, OWNERS);
			this.jdbc.update("update account_probe set key_account_type = 'STRATEGIC' where id % 100 = 3", Map.of());
			this.jdbc.update("analyze account_probe", Map.of());
			String sql = "select a.id from account_probe a where a.merged_into is null and a.owner_id is not null"
					+ " and a.archived = false and a.key_account_type = 'STRATEGIC' order by a.name_key, a.id"
					+ " limit 20 offset 0";
			assertThat(plan(sql, Map.of()))
				.containsPattern("Index Scan using \\S*key_account_type_archived_name_key\\S*")
				.doesNotContain("Sort");
			List<Long> expected = LongStream.rangeClosed(1, ACCOUNTS)
				.boxed()
				.filter((x) -> x % 100 == 3 && x % 10 != 0)
				.sorted(Comparator.comparing((Long x) -> "account " + x))
				.limit(20)
				.toList();
			assertThat(this.jdbc.queryForList(sql, Map.of(), Long.class)).isEqualTo(expected);
		});
	}

	/**
	 * A copy of the account table, filled and analysed: temporary, dropped with the
	 * transaction it is made in, or a table of the database until the class drops it.
	 */
	private void probe(String table, boolean temporary, int owners) {
		this.jdbc.update(
				temporary ? ProbeTables.temporaryCopy("account", table) : ProbeTables.keptCopy("account", table),
				Map.of());
		// Owner x % owners + 1; one account in ten archived; eight regions, two per owner
		// (one account in eleven without), and twenty industries, one per owner (x % 20
		// fixes it, and the owner fixes x % 20); creation and update times in different
		// orders.
		this.jdbc.update("insert into " + table + """
				 (id, name, name_key, match_key, owner_id, status, archived, region, industry,
				                           created_at, updated_at, version)
				select x, 'Account ' || x, 'account ' || x, 'account ' || x, 1 + x % :owners, 'ACTIVE', x % 10 = 0,
				       case when x % 11 = 0 then null else 'Region ' || (x * 7 % 8) end, 'Industry ' || (x * 13 % 20),
				       timestamp '2026-01-01' + (x * 7919 % 30000) * interval '1 minute',
				       localtimestamp - x * interval '1 minute', 1
				from generate_series(1, 30000) x""", Map.of("owners", owners));
		ProbeTables.index(JdbcClient.create(this.jdbc), "account", table);
		this.jdbc.update("analyze " + table, Map.of());
	}

	private String plan(String sql, Map<String, Object> params) {
		return String.join("\n", this.jdbc.queryForList("explain " + sql, params, String.class));
	}

	/**
	 * The first twenty ids in the order, computed here from the formulas the probe was
	 * filled with, not by the database: live accounts of one owner (or all when null).
	 */
	private static List<Long> expected(String order, Long owner, int owners) {
		Comparator<Long> byColumn = switch (order.substring(0, order.indexOf(',')).strip()) {
			case "a.name_key asc" -> Comparator.comparing((Long x) -> "account " + x);
			// Later ids were updated earlier.
			case "a.updated_at desc" -> Comparator.comparing((Long x) -> x);
			case "a.created_at desc" -> Comparator.comparing((Long x) -> -(x * 7919 % 30000));
			case "a.region asc" -> Comparator.comparing(AccountListOrderPlanPostgresTests::region,
					Comparator.nullsLast(Comparator.<String>naturalOrder()));
			case "a.region desc" ->
				Comparator
					.comparing(AccountListOrderPlanPostgresTests::region,
							Comparator.nullsLast(Comparator.<String>naturalOrder()))
					.reversed();
			case "a.industry asc" -> Comparator.comparing((Long x) -> "Industry " + (x * 13 % 20));
			default -> throw new IllegalArgumentException(order);
		};
		Comparator<Long> byId = order.endsWith("a.id desc") ? Comparator.reverseOrder() : Comparator.naturalOrder();
		return LongStream.rangeClosed(1, ACCOUNTS)
			.boxed()
			.filter((x) -> x % 10 != 0 && (owner == null || 1 + x % owners == owner))
			.sorted(byColumn.thenComparing(byId))
			.limit(20)
			.toList();
	}

	private static String region(long x) {
		return (x % 11 == 0) ? null : "Region " + (x * 7 % 8);
	}

}
