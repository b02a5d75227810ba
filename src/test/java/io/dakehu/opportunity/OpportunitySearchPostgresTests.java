package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.NameSearches;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.PreparedPlans;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A search for a text most deals' names hold reads the deals once (decision 0072) and
 * finds what the search through the index finds: the deals named with the text and the
 * deals on accounts named with it, within the reader's scope, with the same totals. The
 * statistics that make a text common are stood in for by a name search told which pieces
 * are common; the deals are real rows, searched through the list's own statements, whose
 * text PostgreSQL lists among the connection's prepared statements.
 */
@PostgresIntegrationTest
class OpportunitySearchPostgresTests extends ApiTestSupport {

	/** Executions after which the driver keeps a statement prepared on the server. */
	private static final int PREPARED_AFTER = 5;

	private static final String READING_EVERY_DEAL = "%select o.stage, count(*)%(lower(o.name) like $%";

	private static final String THROUGH_THE_INDEX = "%select o.stage, count(*)%from (select qn.*%union all select qa.*%";

	private static final String MATCHES = "%select o.id, o.stage, o.amount from (select qn.*%union all select qa.*%";

	private static final String TOTALS = "%select o.stage, count(*)%";

	@Autowired
	Users users;

	@Autowired
	OpportunityTally tally;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Opportunities opportunities;

	@Autowired
	OpportunityRows rows;

	@Autowired
	StageProbabilities probabilities;

	@Autowired
	DatabaseProduct database;

	@Autowired
	OpportunityLists inContext;

	@Test
	void aTextMostNamesHoldFindsByReadingEveryDealWhatTheIndexFinds() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String text = Fixtures.unique("Zqv");
		long kamsAccount = this.given.accountOwnedBy(kam, Fixtures.unique("Plain")).id();
		long othersAccount = this.given.accountOwnedBy(other, Fixtures.unique("Plain") + " " + text).id();
		long byName = open(kam, kamsAccount, text.toUpperCase(Locale.ROOT) + " renewal", "120.50");
		long byAccount = open(kam, othersAccount, Fixtures.unique("Quiet"), "30.25");
		long othersByName = open(other, othersAccount, "Pilot " + text, "7.00");
		open(other, kamsAccount, Fixtures.unique("Quiet"), "999.00");
		open(kam, kamsAccount, Fixtures.unique("Quiet"), "5.00");

		Map<String, Double> common = new HashMap<>();
		String key = NameSearch.key(text);
		// Every piece of the text common: its two- and three-character ones (decision
		// 0077).
		for (int i = 0; i + 1 < key.length(); i++) {
			common.put(key.substring(i, i + 2), 0.9);
			common.put(key.substring(i, Math.min(i + 3, key.length())), 0.9);
		}
		NameSearches.Counting commonText = NameSearches.onPostgres(common);
		NameSearches.Counting rareText = NameSearches.onPostgres(Map.of());
		Readers readingEveryDeal = readers(commonText);
		Readers throughTheIndex = readers(rareText);
		OpportunityQuery query = new OpportunityQuery(null, null, null, null, null, null, false, text, null);
		Map<Long, BigDecimal> amounts = Map.of(byName, new BigDecimal("120.50"), byAccount, new BigDecimal("30.25"),
				othersByName, new BigDecimal("7.00"));
		Map<String, Set<Long>> expected = Map.of("director", Set.of(byName, byAccount, othersByName), "KAM",
				Set.of(byName, byAccount));
		Map<String, RecordScope> scopes = Map.of("director", RecordScope.everything(1), "KAM",
				new RecordScope(id(kam), false, Set.of(id(kam))));
		for (String reader : expected.keySet()) {
			RecordScope scope = scopes.get(reader);
			Set<Long> deals = expected.get(reader);
			BigDecimal sum = deals.stream().map(amounts::get).reduce(BigDecimal.ZERO, BigDecimal::add);
			for (Readers lists : List.of(readingEveryDeal, throughTheIndex)) {
				// In a transaction, as the application's are: the settings a search
				// reads under hold until it ends, and outside one PostgreSQL ignores
				// them.
				this.transactions.executeWithoutResult((status) -> {
					OpportunityTotals totals = lists.totals().totals(scope, query);
					assertThat(totals.count()).as(reader).isEqualTo(deals.size());
					assertThat(totals.amount()).as(reader).isEqualByComparingTo(sum);
					for (OpportunitySort.Column column : List.of(OpportunitySort.Column.UPDATED,
							OpportunitySort.Column.ACCOUNT)) {
						assertThat(ids(lists.pages().rows(scope, query, new OpportunitySort(column, false), 0, 20)))
							.as(reader + " by " + column)
							.isEqualTo(deals);
					}
				});
			}
		}

		assertThat(executions(readingEveryDeal, query)).as("reading every deal").isEqualTo(new Executions(true, false));
		assertThat(executions(throughTheIndex, query)).as("through the index").isEqualTo(new Executions(false, true));
		// The totals' scan ran in one database process; the search through the index
		// was left to the planner.
		assertThat(commonText.inOneProcess()).isPositive();
		assertThat(rareText.inOneProcess()).isZero();
	}

	/**
	 * A search whose pieces few deal names and few account names hold runs its totals and
	 * its page on one plan each (decision 0071): ten texts, each finding its own deal,
	 * and PostgreSQL made no plan for any one of them; the setting is back to its default
	 * after.
	 */
	@Test
	void searchesForPiecesFewNamesHoldRunOnOnePlanAndEachFindsItsDeal() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Plain")).id();
		String start = Fixtures.unique("Zq");
		List<Long> deals = new ArrayList<>();
		for (int i = 0; i < 2 * PREPARED_AFTER; i++) {
			deals.add(open(kam, account, start + " " + (char) ('a' + i) + (char) ('m' + i) + " pilot", "10.00"));
		}
		Readers lists = readers(NameSearches.onPostgres(Map.of()));
		RecordScope scope = new RecordScope(id(kam), false, Set.of(id(kam)));
		PreparedPlans plans = this.transactions.execute((status) -> {
			for (int i = 0; i < deals.size(); i++) {
				String text = start + " " + (char) ('a' + i) + (char) ('m' + i);
				OpportunityQuery query = new OpportunityQuery(null, null, null, null, null, null, false, text, null);
				assertThat(lists.totals().totals(scope, query).count()).as(text).isEqualTo(1);
				assertThat(ids(lists.pages()
					.rows(scope, query, new OpportunitySort(OpportunitySort.Column.UPDATED, true), 0, 20))).as(text)
					.containsExactly(deals.get(i));
			}
			assertThat(this.jdbc.sql("show plan_cache_mode").query(String.class).single()).as("after the searches")
				.isEqualTo("auto");
			return PreparedPlans.matching(this.jdbc, NameSearch.ONE_PLAN + "%");
		});
		assertThat(plans.generic()).as("generic plans").isGreaterThan(0);
		assertThat(plans.custom()).as("plans made for one execution").isZero();
	}

	/**
	 * A search finding few deals adds up its totals and cuts its page from one reading of
	 * its matches; one finding more than {@link OpportunityLists#FEW_MATCHES} counts and
	 * pages them apart, and neither loses a match: the totals, the weighted amount and
	 * the pages as worked out here from the deals made, and which statements each ran.
	 */
	@Test
	void aSearchReadsFewMatchesOnceAndCountsManyApart() {
		String kam = this.given.kam();
		long owner = id(kam);
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Plain")).id();
		String token = Fixtures.unique("Zqm");
		int many = OpportunityLists.FEW_MATCHES + 49;
		List<NewOpportunity> deals = new ArrayList<>();
		for (int i = 0; i < many + 3; i++) {
			deals.add(new NewOpportunity(account, owner, null, Stage.open().get(i % Stage.open().size()), null, null,
					new BigDecimal((i * 37) % 1000 + ".25"), "test", null,
					token + ((i < many) ? " many " : " few ") + i, null, null));
		}
		this.transactions.executeWithoutResult((status) -> this.opportunities.append(deals));
		Map<String, Long> ids = new HashMap<>();
		this.jdbc.sql("select name, id from opportunity where name like :token")
			.param("token", token + "%")
			.query((java.sql.ResultSet rs) -> {
				ids.put(rs.getString(1), rs.getLong(2));
			});
		Map<Stage, Integer> probabilities = new HashMap<>();
		this.jdbc.sql("select stage, probability from opportunity_stage_probability").query((java.sql.ResultSet rs) -> {
			probabilities.put(Stage.valueOf(rs.getString(1)), rs.getInt(2));
		});
		RecordScope scope = new RecordScope(owner, false, Set.of(owner));
		OpportunitySort byAmount = new OpportunitySort(OpportunitySort.Column.AMOUNT, true);
		for (String word : List.of("few", "many")) {
			List<NewOpportunity> matching = deals.stream()
				.filter((deal) -> deal.name().contains(" " + word + " "))
				.sorted(Comparator.comparing(NewOpportunity::amount)
					.thenComparing((deal) -> ids.get(deal.name()))
					.reversed())
				.toList();
			Map<Stage, BigDecimal> byStage = matching.stream()
				.collect(Collectors.groupingBy(NewOpportunity::stage,
						Collectors.reducing(BigDecimal.ZERO, NewOpportunity::amount, BigDecimal::add)));
			BigDecimal weighted = byStage.entrySet()
				.stream()
				.map((stage) -> stage.getValue()
					.multiply(BigDecimal.valueOf(probabilities.get(stage.getKey())))
					.movePointLeft(2)
					.setScale(2, RoundingMode.HALF_UP))
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			OpportunityQuery query = new OpportunityQuery(null, null, null, null, null, null, false, token + " " + word,
					null);
			OpportunityPage second = this.inContext.page(scope, query, byAmount, new PageRequest(1, 2));
			assertThat(second.totals().count()).as(word).isEqualTo(matching.size());
			assertThat(second.page().totalElements()).as(word).isEqualTo(matching.size());
			assertThat(second.totals().amount()).as(word)
				.isEqualByComparingTo(byStage.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
			assertThat(second.totals().weighted()).as(word).isEqualByComparingTo(weighted);
			assertThat(second.page().content()).extracting(OpportunityView::id)
				.as(word)
				.containsExactlyElementsOf(matching.subList(2, Math.min(4, matching.size()))
					.stream()
					.map((deal) -> ids.get(deal.name()))
					.toList());
			OpportunityPage beyond = this.inContext.page(scope, query, byAmount, new PageRequest(2000, 2));
			assertThat(beyond.page().content()).as(word).isEmpty();
			assertThat(beyond.totals()).as(word).isEqualTo(second.totals());
		}

		// The reading runs on one plan even for a text whose pieces are all common (a
		// twentieth of the names each): planning it for each text is what it saves.
		Map<String, Double> common = new HashMap<>();
		for (String text : List.of(token + " few", token + " many")) {
			String key = NameSearch.key(text);
			for (int i = 0; i + 1 < key.length(); i++) {
				common.put(key.substring(i, i + 2), 0.05);
				common.put(key.substring(i, Math.min(i + 3, key.length())), 0.05);
			}
		}
		Readers commonPieces = readers(NameSearches.onPostgres(common));
		assertThat(statements(commonPieces, scope, token + " few")).as("few")
			.isEqualTo(new Statements(true, true, false));
		assertThat(statements(commonPieces, scope, token + " many")).as("many")
			.isEqualTo(new Statements(true, true, true));
	}

	@Test
	void theSettingForOneProcessEndsWithTheStatement() {
		NameSearch search = NameSearches.onPostgres(Map.of());
		this.transactions.executeWithoutResult((status) -> {
			String before = setting();
			assertThat(search.inOneProcess(this.jdbc, this::setting)).isEqualTo("0");
			assertThat(setting()).isEqualTo(before).isNotEqualTo("0");
		});
	}

	private String setting() {
		return this.jdbc.sql("show max_parallel_workers_per_gather").query(String.class).single();
	}

	/**
	 * Which form of the totals' statement a search runs, told by the statements the
	 * connection keeps prepared: the search runs often enough for the driver to prepare
	 * it on the server, and the executions each form gained meanwhile are counted.
	 */
	private Executions executions(Readers lists, OpportunityQuery query) {
		return this.transactions.execute((status) -> {
			long readBefore = executed(READING_EVERY_DEAL);
			long indexBefore = executed(THROUGH_THE_INDEX);
			for (int i = 0; i < 2 * PREPARED_AFTER; i++) {
				lists.totals().totals(RecordScope.everything(1), query);
			}
			return new Executions(executed(READING_EVERY_DEAL) > readBefore, executed(THROUGH_THE_INDEX) > indexBefore);
		});
	}

	/**
	 * Which statements a searched page and a searched board run, told as
	 * {@link #executions} tells them: the one reading of the matches, the totals apart.
	 */
	private Statements statements(Readers lists, RecordScope scope, String text) {
		OpportunityQuery query = new OpportunityQuery(null, null, null, null, null, null, false, text, null);
		return this.transactions.execute((status) -> {
			long matchesBefore = executed(MATCHES);
			long totalsBefore = executed(TOTALS);
			for (int i = 0; i < 2 * PREPARED_AFTER; i++) {
				lists.pages().page(scope, query, null, new PageRequest(0, 20));
				lists.pages().firstPages(scope, query, Stage.open(), 3);
			}
			PreparedPlans reading = PreparedPlans.matching(this.jdbc, MATCHES);
			return new Statements(executed(MATCHES) > matchesBefore, reading.custom() == 0 && reading.generic() > 0,
					executed(TOTALS) > totalsBefore);
		});
	}

	private long executed(String pattern) {
		PreparedPlans plans = PreparedPlans.matching(this.jdbc, pattern);
		return plans.generic() + plans.custom();
	}

	/** The list's pages and totals, searching as the given name search does. */
	private Readers readers(NameSearch nameSearch) {
		OpportunityConditions conditions = new OpportunityConditions(this.rows, nameSearch);
		OpportunityListTotals totals = new OpportunityListTotals(this.jdbc, this.tally, conditions, nameSearch);
		return new Readers(new OpportunityLists(this.jdbc, this.rows, totals, conditions, nameSearch,
				this.probabilities, this.database), totals);
	}

	private record Readers(OpportunityLists pages, OpportunityListTotals totals) {
	}

	private long open(String owner, long account, String name, String amount) {
		return this.api
			.post(Api.ADMIN, "/api/v1/opportunities",
					json("accountId", account, "name", name, "amount", new BigDecimal(amount), "owner", owner))
			.expect(201)
			.id();
	}

	private long id(String username) {
		return this.users.findByUsername(username).orElseThrow().id();
	}

	/**
	 * Whether a searched page read its matches once, whether that reading ran on one plan
	 * only, and whether the page counted its matches apart.
	 */
	private record Statements(boolean matches, boolean onePlan, boolean totals) {
	}

	/** Whether the totals ran as one read of every deal, and through the index. */
	private record Executions(boolean readingEveryDeal, boolean throughTheIndex) {
	}

	private static Set<Long> ids(List<OpportunityView> rows) {
		return rows.stream().map(OpportunityView::id).collect(Collectors.toSet());
	}

}
