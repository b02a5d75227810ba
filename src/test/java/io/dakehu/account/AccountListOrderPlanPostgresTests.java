package io.dakehu.account;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every order the account list offers reads its page from an index in that order and
 * stops after it, for a reader who sees every account and for one owner's book
 * (migrations V168, V187, decision 0075): a page sorted by the whole book instead cost
 * 63–690 ms at 1M accounts. The statement has the list's shape; it runs against a
 * temporary copy of the account table with all its indexes, filled with 30,000 accounts
 * of 300 owners and analysed; everything is rolled back. The rows it answers are checked
 * against the order worked out here from how they were made.
 */
@PostgresIntegrationTest
class AccountListOrderPlanPostgresTests {

	private static final int ACCOUNTS = 30_000;

	private static final int OWNERS = 300;

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@ParameterizedTest
	@CsvSource({ "a.name_key asc, a.id asc, name_key", "a.updated_at desc, a.id desc, updated_at",
			"a.created_at desc, a.id desc, created_at", "a.region asc, a.id asc, region",
			"a.region desc, a.id desc, region", "a.industry asc, a.id asc, industry" })
	void onePageIsReadFromAnIndexInTheListsOrder(String column, String tieBreak, String indexed) {
		String order = column + ", " + tieBreak;
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			probe();
			String select = "select a.id from account_probe a where a.merged_into is null and a.owner_id is not null"
					+ " and a.archived = false and ";
			String suffix = " order by " + order + " limit 20 offset 0";

			String own = select + "a.owner_id in (:owner)" + suffix;
			Map<String, Object> params = Map.of("owner", 7L);
			assertThat(plan(own, params))
				.containsPattern("Index Scan( Backward)? using \\S*owner_id_archived_" + indexed + "\\S*")
				.doesNotContain("Sort");
			List<Long> ownIds = this.jdbc.queryForList(own, params, Long.class);
			assertThat(ownIds).isEqualTo(expected(order, 7L));

			String everyone = select + "true" + suffix;
			String companyWide = indexed.equals("region") || indexed.equals("industry") ? indexed + "_archived_id"
					: "archived_" + indexed;
			assertThat(plan(everyone, Map.of()))
				.containsPattern("Index Scan( Backward)? using \\S*" + companyWide + "\\S*")
				.doesNotContain("Sort");
			assertThat(this.jdbc.queryForList(everyone, Map.of(), Long.class)).isEqualTo(expected(order, null));
		});
	}

	private void probe() {
		this.jdbc.update("create temporary table account_probe (like account including all) on commit drop", Map.of());
		// Owner x % 300 + 1; one account in ten archived; eight regions (one in eleven
		// without) and twenty industries spread independently of the owner; creation and
		// update times in different orders.
		this.jdbc.update("""
				insert into account_probe (id, name, name_key, match_key, owner_id, status, archived, region, industry,
				                           created_at, updated_at, version)
				select x, 'Account ' || x, 'account ' || x, 'account ' || x, 1 + x % 300, 'ACTIVE', x % 10 = 0,
				       case when x % 11 = 0 then null else 'Region ' || (x * 7 % 8) end, 'Industry ' || (x * 13 % 20),
				       timestamp '2026-01-01' + (x * 7919 % 30000) * interval '1 minute',
				       localtimestamp - x * interval '1 minute', 1
				from generate_series(1, 30000) x""", Map.of());
		this.jdbc.update("analyze account_probe", Map.of());
	}

	private String plan(String sql, Map<String, Object> params) {
		return String.join("\n", this.jdbc.queryForList("explain " + sql, params, String.class));
	}

	/**
	 * The first twenty ids in the order, computed here from the formulas the probe was
	 * filled with, not by the database: live accounts of one owner (or all when null).
	 */
	private static List<Long> expected(String order, Long owner) {
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
			.filter((x) -> x % 10 != 0 && (owner == null || 1 + x % OWNERS == owner))
			.sorted(byColumn.thenComparing(byId))
			.limit(20)
			.toList();
	}

	private static String region(long x) {
		return (x % 11 == 0) ? null : "Region " + (x * 7 % 8);
	}

}
