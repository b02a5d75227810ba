package io.dakehu.opportunity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.dakehu.identity.RecordScope;
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
 * A KAM's page of the opportunity list reads the deals on their accounts along their
 * book's index of the list's order and stops at the page's end (decision 0079, migration
 * 191): along the company's index it read every other owner's deals on the way. The
 * statement is the one {@link OpportunityBook} writes, run against a copy of the
 * opportunity table with all its indexes, filled with 10,000 deals of 100 owners and
 * analysed. The copy the tests only read is made once for the class and dropped after it;
 * the tests that change the deals' owners make their own, rolled back. The rows it
 * answers are checked against the order worked out here from how they were made.
 */
@PostgresIntegrationTest
@TestInstance(Lifecycle.PER_CLASS)
class OpportunityBookPlanPostgresTests {

	private static final int DEALS = 10_000;

	private static final int OWNERS = 100;

	private static final long OWNER = 7;

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	/**
	 * Once for the class: the tests of pages by book, by stage and a KAM's by owner only
	 * read it.
	 */
	@BeforeAll
	void fill() {
		probe("book_probe", false);
		// Its pages marked all visible, as autovacuum leaves a table's settled pages, so
		// that an index holding what a statement reads may answer it alone.
		this.jdbc.getJdbcOperations().execute("vacuum book_probe");
	}

	@AfterAll
	void drop() {
		this.jdbc.getJdbcOperations().execute("drop table if exists book_probe");
	}

	@ParameterizedTest
	@CsvSource({ "EXPECTED, false, coalesce", "AMOUNT, true, amount", "NAME, false, name", "UPDATED, true, updated_at",
			"STAGE, false, case", "STAGE, true, case" })
	void aKamsPageIsReadAlongTheirBooksIndex(OpportunitySort.Column column, boolean descending, String indexed) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			String key = switch (column) {
				case EXPECTED -> "coalesce(o.close_date, o.expected_close_date)";
				case AMOUNT -> "o.amount";
				case NAME -> "o.name";
				case UPDATED -> "o.updated_at";
				case STAGE -> OpportunityLists.stageOrder();
				default -> throw new IllegalArgumentException(column.name());
			};
			RecordScope kam = new RecordScope(OWNER, false, Set.of(OWNER));
			OpportunityBook.Page page = OpportunityBook.page(kam,
					new OpportunityRows.Where(" where 1 = 1 and o.stage not in ('WON', 'LOST')", Map.of()), key,
					descending, "20");
			assertThat(page.idsOnly()).isFalse();
			String sql = page.sql().replace(" from opportunity o ", " from book_probe o ") + " limit 20";
			assertThat(sql).contains("book_probe o").doesNotContain(" from opportunity o ");

			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, page.params(), String.class));
			assertThat(plan)
				.containsPattern("Index Scan( Backward)? using \\S*account_owner_id_" + indexed + "\\S* on book_probe")
				.containsPattern("using book_probe_owner_id_idx\\d* on book_probe")
				.doesNotContain("stage_since");
			// The book's part is read in order: nothing sorts more than the three parts'
			// page-long heads.
			assertThat(plan).doesNotContainPattern("Sort .*rows=\\d{3,}\\b");
			assertThat(this.jdbc.query(sql, page.params(), (rs, n) -> rs.getLong("id")))
				.isEqualTo(expected(column, descending, Set.of(OWNER)));
		});
	}

	/**
	 * A team's page is the ids of its rows in order, each member's part read along the
	 * book's index of the order as far as the page reaches (decision 0082): the rows
	 * themselves are read after, by id, twenty rather than twenty per member. The index
	 * of the default order holds the open deals' dates, stages and purchase types too
	 * (migrations 196 and 199), and that of the amount their stages and purchase types
	 * (migration 200), so a page of open deals in either order is read from the index
	 * alone, of a purchase type too.
	 */
	@ParameterizedTest
	@CsvSource({ "EXPECTED, false, coalesce, Index Only Scan,", "EXPECTED, false, coalesce, Index Only Scan, NEW_TASK",
			"AMOUNT, true, amount, Index Only Scan,", "AMOUNT, true, amount, Index Only Scan, STRAIGHT_REBUY" })
	void aTeamsPageIsTheIdsOfItsRowsReadAlongTheBooks(OpportunitySort.Column column, boolean descending, String indexed,
			String read, PurchaseType type) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			String key = (column == OpportunitySort.Column.AMOUNT) ? "o.amount"
					: "coalesce(o.close_date, o.expected_close_date)";
			Set<Long> members = Set.of(OWNER, 8L, 9L, 10L);
			OpportunityRows.Where open = (type != null)
					? new OpportunityRows.Where(
							" where 1 = 1 and o.purchase_type = :purchaseType and o.stage not in ('WON', 'LOST')",
							Map.of("purchaseType", type.name()))
					: new OpportunityRows.Where(" where 1 = 1 and o.stage not in ('WON', 'LOST')", Map.of());
			OpportunityBook.Page page = OpportunityBook.page(new RecordScope(OWNER, false, members), open, key,
					descending, "20");
			assertThat(page.idsOnly()).isTrue();
			String sql = page.sql().replace(" from opportunity o ", " from book_probe o ") + " limit 20";
			assertThat(sql).doesNotContain(" from opportunity o ");

			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, page.params(), String.class));
			assertThat(plan)
				.containsPattern(read + "( Backward)? using \\S*account_owner_id_" + indexed + "\\S* on book_probe")
				.doesNotContainPattern("Sort .*rows=\\d{3,}\\b");
			assertThat(this.jdbc.query(sql, page.params(), (rs, n) -> rs.getLong("id")))
				.isEqualTo(expected(column, descending, members, type));
		});
	}

	/**
	 * A KAM's own deals ("mine", the list page's default) are read along their book too:
	 * the statistics of migration 195 tell PostgreSQL that a deal's owner and its
	 * account's owner go together. Taken as independent, it expected a twentieth of the
	 * KAM's book to be theirs, read their deals through two bitmaps and sorted them all.
	 */
	@Test
	void aKamsOwnDealsAreReadAlongTheirBooksIndex() {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			probe("opportunity_probe", true);
			// Twenty owners of 500 deals each, as in the pipeline benchmark.
			this.jdbc.getJdbcOperations()
				.execute(
						"update opportunity_probe set owner_id = owner_id % 20, account_owner_id = account_owner_id % 20");
			// The table's statistics of column dependencies, written again on the probe
			// by the columns' names: the copy LIKE makes keeps their numbers, which the
			// probe does not share where the table has dropped columns (PostgreSQL 15
			// put these on owner_id and name_grams).
			this.jdbc.queryForList("select string_agg(a.attname, ', ' order by a.attnum) from pg_statistic_ext s"
					+ " join pg_attribute a on a.attrelid = s.stxrelid and a.attnum = any(cast(s.stxkeys as int2[]))"
					+ " where s.stxrelid = cast('opportunity' as regclass) and 'f' = any(s.stxkind) group by s.oid",
					Map.of(), String.class)
				.forEach((columns) -> this.jdbc.getJdbcOperations()
					.execute("create statistics (dependencies) on " + columns + " from opportunity_probe"));
			this.jdbc.getJdbcOperations().execute("analyze opportunity_probe");
			RecordScope kam = new RecordScope(OWNER, false, Set.of(OWNER));
			OpportunityBook.Page page = OpportunityBook.page(kam,
					new OpportunityRows.Where(
							" where 1 = 1 and o.owner_id in (" + OWNER + ") and o.stage not in ('WON', 'LOST')",
							Map.of()),
					"coalesce(o.close_date, o.expected_close_date)", false, "20");
			String sql = page.sql().replace(" from opportunity o ", " from opportunity_probe o ") + " limit 20";

			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, page.params(), String.class));
			assertThat(plan).containsPattern("Index Scan using \\S*account_owner_id_coalesce\\S* on opportunity_probe")
				.doesNotContain("Bitmap Index Scan on opportunity_probe_owner_id");
			// Owner 7's deals: on their accounts x % 20 = 7, elsewhere x % 1000 = 3.
			List<Long> expected = LongStream.rangeClosed(1, DEALS)
				.filter((x) -> x % 20 == OWNER || x % 1000 == 3)
				.boxed()
				.sorted(Comparator.comparing((Long x) -> x * 13 % 700).thenComparing((Long x) -> x))
				.limit(20)
				.toList();
			assertThat(this.jdbc.query(sql, page.params(), (rs, n) -> rs.getLong("id"))).isEqualTo(expected);
		});
	}

	/**
	 * A director's page by stage walks the company's index of the stage's place in the
	 * buying process (migration 192), whose expression must be the list's own: read
	 * otherwise, the page sorted every deal.
	 */
	@ParameterizedTest
	@CsvSource({ "false", "true" })
	void aDirectorsPageByStageIsReadAlongTheStageIndex(boolean descending) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			String direction = descending ? " desc" : " asc";
			String sql = "select o.id from book_probe o where 1 = 1 and o.stage not in ('WON', 'LOST') order by "
					+ OpportunityLists.stageOrder() + direction + ", o.id" + direction + " limit 20";
			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, Map.of(), String.class));
			assertThat(plan).containsPattern("Index Scan( Backward)? using book_probe_case_id_idx\\d* on ")
				.doesNotContain("Sort");
			Comparator<Long> order = Comparator.comparing((Long x) -> Stage.open().get((int) (x % 8)).ordinal())
				.thenComparing((Long x) -> x);
			assertThat(this.jdbc.query(sql, Map.of(), (rs, n) -> rs.getLong("id")))
				.isEqualTo(LongStream.rangeClosed(1, DEALS)
					.boxed()
					.sorted(descending ? order.reversed() : order)
					.limit(20)
					.toList());
		});
	}

	/**
	 * A director's page by owner, owner by owner ({@link OwnerOrder#everyOwner}), reads
	 * each owner's deals along the owner index when pages are priced as cached, as the
	 * list runs it: at PostgreSQL's default price it walked the primary key for each
	 * owner, the whole table for an owner without deals. The probe's deals belong to 20
	 * owners here; 85 more users own none, and the names run against the ids. Read as the
	 * page's ids (decision 0082) or as its rows, the same deals in the same order.
	 */
	@ParameterizedTest
	@CsvSource({ "true", "false" })
	void aDirectorsPageByOwnerReadsEachOwnersDealsAlongTheOwnerIndex(boolean idsOnly) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			probe("opportunity_probe", true);
			// Twenty owners, as in the pipeline benchmark, where the primary key looked
			// the cheaper way to an owner's first deals by id.
			this.jdbc.getJdbcOperations().execute("update opportunity_probe set owner_id = owner_id % 20");
			this.jdbc.getJdbcOperations().execute("analyze opportunity_probe");
			userProbe();
			String sql = OwnerOrder
				.everyOwner(new OpportunityRows.Where(" where 1 = 1 and o.stage not in ('WON', 'LOST')", Map.of()),
						false, "20", idsOnly)
				.replace(" from opportunity o ", " from opportunity_probe o ")
				.replace("app_user un", "user_probe un") + " limit 20";
			assertThat(sql).doesNotContain(" from opportunity o ").doesNotContain("app_user");
			this.jdbc.getJdbcOperations().execute("set local random_page_cost = 1.1");
			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, Map.of(), String.class));
			assertThat(plan).contains("using opportunity_probe_owner_id_id_idx on opportunity_probe");
			// Owners 104 down to 20 have the first names and no deals; owner 19 the next.
			List<Long> expected = LongStream.rangeClosed(1, DEALS)
				.filter((x) -> ((x % 1000 == 3) ? 7 : x % OWNERS) % 20 == 19)
				.boxed()
				.limit(20)
				.toList();
			assertThat(this.jdbc.query(sql, Map.of(), (rs, n) -> rs.getLong("id"))).isEqualTo(expected);
		});
	}

	/**
	 * A KAM's page by owner reads their own deals along the owners' index by id, and the
	 * few others own on their accounts from the partial index of those (decision 0074),
	 * then stops at the page's end: the statement {@link OwnerOrder} writes, priced as
	 * the list runs it. KAM 3's accounts hold ten deals of owner 7, whose name comes
	 * first. Read as the page's ids (as a team's is, decision 0082) or as its rows, the
	 * same deals in the same order.
	 */
	@ParameterizedTest
	@CsvSource({ "false, false", "true, false", "false, true", "true, true" })
	void aKamsPageByOwnerReadsTheirDealsAlongTheOwnerIndex(boolean descending, boolean idsOnly) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			userProbe();
			long kam = 3;
			OpportunityBook.Page page = OwnerOrder.scoped(new RecordScope(kam, false, Set.of(kam)),
					new OpportunityRows.Where(" where 1 = 1 and o.stage not in ('WON', 'LOST')", Map.of()), descending,
					"20", idsOnly);
			assertThat(page.idsOnly()).isEqualTo(idsOnly);
			String sql = page.sql()
				.replace(" from opportunity o ", " from book_probe o ")
				.replace("app_user un", "user_probe un") + " limit 20";
			assertThat(sql).doesNotContain(" from opportunity o ").doesNotContain("app_user");
			this.jdbc.getJdbcOperations().execute("set local random_page_cost = 1.1");
			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, page.params(), String.class));
			// Along an index led by the owner: with the probe's hundred deals an owner,
			// PostgreSQL reads them along the owner's index in id order or along another
			// led by the owner and sorts the hundred, as the statistics fall (both read
			// that owner's deals alone); a sort of thousands would be the whole book.
			assertThat(plan).containsPattern("using book_probe_owner_id_\\w+ on book_probe")
				.contains("Index Cond: (owner_id = b.owner_id)")
				// The partial index of the deals owned away from their account (V194).
				.contains("Index Scan on book_probe_account_owner_id_owner_id_stage_amount")
				.doesNotContain("Seq Scan on book_probe")
				.doesNotContainPattern("Sort .*rows=\\d{4,}\\b");
			// Owner 7 ("user 193") owns deal x where x % 1000 = 3, on KAM 3's accounts;
			// KAM 3 ("user 197") the other deals x % 100 = 3.
			Comparator<Long> byOwnerThenId = Comparator.comparing((Long x) -> (x % 1000 == 3) ? 0 : 1)
				.thenComparing(Comparator.naturalOrder());
			List<Long> expected = LongStream.rangeClosed(1, DEALS)
				.filter((x) -> x % 100 == kam)
				.boxed()
				.sorted(descending ? byOwnerThenId.reversed() : byOwnerThenId)
				.limit(20)
				.toList();
			assertThat(this.jdbc.query(sql, page.params(), (rs, n) -> rs.getLong("id"))).isEqualTo(expected);
		});
	}

	/**
	 * 105 users in a temporary table (ids 0 to 104) whose names run against their ids:
	 * user 104 has the first name.
	 */
	private void userProbe() {
		this.jdbc.getJdbcOperations()
			.execute("create temporary table user_probe on commit drop as select x as id,"
					+ " 'user ' || lpad(cast(200 - x as varchar), 3, '0') as display_name"
					+ " from generate_series(0, 104) x");
		this.jdbc.getJdbcOperations().execute("analyze user_probe");
	}

	/**
	 * 10,000 open deals, in a temporary table dropped with the transaction it is made in
	 * or in a table of the database until the class drops it; deal x on an account of
	 * owner {@code x % 100} and owned by it, but every 1,000th owned by owner 7 on
	 * another owner's account. Stages, amounts, names, dates, updates and purchase types
	 * are functions of x, so the expected order is worked out below: the stage is the (x
	 * % 8)-th open one, the purchase type the (x % 3)-th.
	 */
	private void probe(String table, boolean temporary) {
		this.jdbc.getJdbcOperations()
			.execute(temporary ? ProbeTables.temporaryCopy("opportunity", table)
					: ProbeTables.keptCopy("opportunity", table));
		this.jdbc.getJdbcOperations()
			.execute("insert into " + table
					+ """
							 (id, account_id, owner_id, account_owner_id, stage, amount, source, name,
							                               expected_close_date, stage_since, created_at, updated_at, version, purchase_type)
							select x, null, case when x % 1000 = 3 then 7 else x % 100 end, x % 100, :open[1 + x % 8],
							       case when x % 11 = 0 then null else (x * 37) % 5000 end, 'probe', 'deal ' || lpad(cast(x as varchar), 6, '0'),
							       date '2030-01-01' + cast(x * 13 % 700 as int), timestamp '2030-01-01 00:00',
							       timestamp '2030-01-01 00:00', timestamp '2030-01-01 00:00' + x * interval '1 minute', 0,
							       :types[1 + x % 3]
							from generate_series(1, 10000) x"""
						.replace(":open",
								Stage.open()
									.stream()
									.map((stage) -> "'" + stage.name() + "'")
									.collect(Collectors.joining(", ", "(array[", "])")))
						.replace(":types",
								Arrays.stream(PurchaseType.values())
									.map((type) -> "'" + type.name() + "'")
									.collect(Collectors.joining(", ", "(array[", "])"))));
		ProbeTables.index(JdbcClient.create(this.jdbc), "opportunity", table);
		this.jdbc.getJdbcOperations().execute("analyze " + table);
	}

	/**
	 * The first twenty of the owners' deals in the order, from the probe's formulas: on
	 * their accounts, and owner 7's on others'.
	 */
	private static List<Long> expected(OpportunitySort.Column column, boolean descending, Set<Long> owners) {
		return expected(column, descending, owners, null);
	}

	/** As above, of a purchase type only: deal x's is the (x % 3)-th. */
	private static List<Long> expected(OpportunitySort.Column column, boolean descending, Set<Long> owners,
			PurchaseType type) {
		Comparator<Long> byKey = switch (column) {
			case EXPECTED -> Comparator.comparing((Long x) -> x * 13 % 700);
			case AMOUNT -> Comparator.comparing((Long x) -> (x % 11 == 0) ? null : (x * 37) % 5000,
					Comparator.nullsLast(Comparator.naturalOrder()));
			case NAME, UPDATED -> Comparator.comparing((Long x) -> x);
			case STAGE -> Comparator.comparing((Long x) -> Stage.open().get((int) (x % 8)).ordinal());
			default -> throw new IllegalArgumentException(column.name());
		};
		Comparator<Long> order = byKey.thenComparing((Long x) -> x);
		List<Long> xs = LongStream.rangeClosed(1, DEALS)
			.filter((x) -> owners.contains(x % OWNERS) || (owners.contains(OWNER) && x % 1000 == 3))
			.filter((x) -> type == null || PurchaseType.values()[(int) (x % 3)] == type)
			.boxed()
			.sorted(descending ? order.reversed() : order)
			.limit(20)
			.toList();
		return xs;
	}

}
