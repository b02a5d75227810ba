package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.PreparedPlans;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page of the opportunity list that nothing but the owner, the stage and the purchase
 * type narrows is planned once per connection: its bounds are written into the statement,
 * so PostgreSQL keeps the prepared statement's generic plan instead of planning each
 * execution anew, which cost a third of the database's time per page at 100,000 open
 * deals (BENCHMARKS.md, the pipeline's API lists). Read in one transaction, so every
 * execution goes through one connection, whose prepared statements PostgreSQL lists.
 */
@PostgresIntegrationTest
class OpportunityPagePlanPostgresTests extends ApiTestSupport {

	private static final int EXECUTIONS = 12;

	@Autowired
	OpportunityLists lists;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void aDirectorsPageByAmountKeepsOneGenericPlan() {
		OpportunityQuery everything = new OpportunityQuery(null, null, null, null, null, null, false, null, null);
		OpportunitySort byAmount = new OpportunitySort(OpportunitySort.Column.AMOUNT, true);
		RecordScope director = RecordScope.everything(1);
		PreparedPlans plans = this.transactions.execute((status) -> {
			for (int i = 0; i < EXECUTIONS; i++) {
				this.lists.rows(director, everything, byAmount, 0, 20);
			}
			// The connection may hold other tests' statements too: the pattern takes the
			// page without any condition, whatever its bounds, bound or written, with
			// its rows' names read alongside, and not a KAM's page read from their
			// book, whose parts end the same way.
			return PreparedPlans.matching(this.jdbc, "select x.*, %(select o.id, %p.stage = o.stage where 1 = 1"
					+ " order by o.amount desc, o.id desc limit %) w) x%");
		});
		// The driver prepares a statement on the server from its fifth execution on;
		// PostgreSQL then plans a statement with parameters anew five times before it
		// weighs a generic plan, one without any at once.
		assertThat(plans.generic()).as("generic plans").isGreaterThan(0);
		assertThat(plans.custom()).as("plans made for one execution").isZero();
	}

	/**
	 * A purchase type's page too: no index leads with the type, so every value is read
	 * along the order's index and one plan serves them all.
	 */
	@Test
	void aDirectorsPageOfAPurchaseTypeKeepsOneGenericPlan() {
		OpportunitySort byAmount = new OpportunitySort(OpportunitySort.Column.AMOUNT, true);
		RecordScope director = RecordScope.everything(1);
		PreparedPlans plans = this.transactions.execute((status) -> {
			for (int i = 0; i < EXECUTIONS; i++) {
				PurchaseType type = PurchaseType.values()[i % PurchaseType.values().length];
				this.lists.rows(director, new OpportunityQuery(null, null, type, null, null, null, false, null, null),
						byAmount, 0, 20);
			}
			return PreparedPlans.matching(this.jdbc, "select x.*, %(select o.id, %p.stage = o.stage where 1 = 1"
					+ " and o.purchase_type = $1 order by o.amount desc, o.id desc limit %) w) x%");
		});
		// The type is a parameter: planned for its values the first five times, then
		// the generic plan kept. With the bounds bound too, every execution was planned
		// for its own.
		assertThat(plans.generic()).as("generic plans").isGreaterThan(0);
		assertThat(plans.custom()).as("plans made for one execution").isLessThanOrEqualTo(5);
	}

	/**
	 * A director's list over a close period in the close dates' order, the list's own,
	 * runs on one plan, its totals with it: the period's index reads it whatever the
	 * dates. Its pages are still the period's deals in that order, every one counted.
	 */
	@Test
	void aDirectorsClosePeriodInItsOrderRunsOnOnePlan() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Period")).id();
		// Deals closing on days of 2071 no other test's deals close on, two on one day.
		Map<Long, LocalDate> closes = new HashMap<>();
		for (int i = 0; i < 9; i++) {
			LocalDate day = LocalDate.of(2071, 1, 20).plusDays((i * 53L) % 240 + ((i == 8) ? -53 : 0));
			long id = this.api
				.post(kam, "/api/v1/opportunities", Map.of("accountId", account, "name", Fixtures.unique("Deal"),
						"amount", 100 + i, "expectedCloseDate", day.toString()))
				.expect(201)
				.id();
			closes.put(id, day);
		}
		LocalDate from = LocalDate.of(2071, 3, 5);
		LocalDate to = LocalDate.of(2071, 7, 28);
		List<Long> expected = closes.entrySet()
			.stream()
			.filter((deal) -> !deal.getValue().isBefore(from) && !deal.getValue().isAfter(to))
			.sorted(Map.Entry.<Long, LocalDate>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
			.map(Map.Entry::getKey)
			.toList();
		assertThat(expected).hasSizeBetween(4, 7);
		assertThat(new HashSet<>(expected.stream().map(closes::get).toList())).hasSizeLessThan(expected.size());
		RecordScope director = RecordScope.everything(1);
		OpportunityQuery period = new OpportunityQuery(null, null, null, from, to, null, false, null, null);
		List<Long> read = new ArrayList<>();
		for (int page = 0; page * 2 < expected.size(); page++) {
			OpportunityPage answer = this.lists.page(director, period, OpportunitySort.DEFAULT,
					new PageRequest(page, 2));
			assertThat(answer.totals().count()).isEqualTo(expected.size());
			answer.page().content().forEach((deal) -> read.add(deal.id()));
		}
		assertThat(read).containsExactlyElementsOf(expected);

		PreparedPlans plans = this.transactions.execute((status) -> {
			for (int i = 0; i < EXECUTIONS; i++) {
				this.lists.page(director, new OpportunityQuery(null, null, null, from.plusDays(i), to.plusDays(3 * i),
						null, true, null, null), OpportunitySort.DEFAULT, new PageRequest(0, 20));
			}
			return PreparedPlans.matching(this.jdbc, NameSearch.ONE_PLAN + "select x.*, %" + CloseMonths.CLOSES
					+ " >= $% order by " + CloseMonths.CLOSES + " asc, o.id asc limit $%");
		});
		// Planned for its values, the page's statement was not marked and read its
		// rows' names after: no such plan at all.
		assertThat(plans.generic()).as("generic plans").isGreaterThanOrEqualTo(EXECUTIONS - 4);
		assertThat(plans.custom()).as("plans made for one execution").isZero();
	}

	@Test
	void theWrittenBoundsCutTheSamePagesAsTheListsOrder() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Bounds")).id();
		for (int amount : new int[] { 700, 300, 900, 300, 100, 800, 500 }) {
			this.api
				.post(kam, "/api/v1/opportunities",
						Map.of("accountId", account, "name", Fixtures.unique("Deal"), "amount", amount))
				.expect(201);
		}
		long kamId = this.jdbc.sql("select id from app_user where username = ?").param(kam).query(Long.class).single();
		// Her deals by amount, the highest first and the newer of equal amounts first.
		List<Long> expected = this.jdbc
			.sql("select id from opportunity where owner_id = ? order by amount desc, id desc")
			.param(kamId)
			.query(Long.class)
			.list();
		assertThat(expected).hasSize(7);
		OpportunityQuery hers = new OpportunityQuery(null, Set.of(kamId), null, null, null, null, false, null, null);
		OpportunitySort byAmount = new OpportunitySort(OpportunitySort.Column.AMOUNT, true);
		RecordScope director = RecordScope.everything(1);
		assertThat(pages(director, hers, byAmount)).containsExactlyElementsOf(expected);
		// By account, read in parts each cut at the page's end: one account, so in the
		// order the deals were made.
		OpportunitySort byAccount = new OpportunitySort(OpportunitySort.Column.ACCOUNT, false);
		assertThat(pages(director, hers, byAccount)).containsExactlyElementsOf(expected.stream().sorted().toList());
	}

	/**
	 * A director's list by owner, read owner by owner (OpportunityLists.byOwnerName): the
	 * same pages, both ways, as the deals sorted by their owner's name and then their id,
	 * two of the three owners sharing a name.
	 */
	@Test
	void aDirectorsPagesByOwnerAreEveryDealInTheOrderOfItsOwnersName() {
		String name = Fixtures.unique("Same Name");
		List<String> owners = List.of(this.given.kam(), this.given.kam(), this.given.kam());
		for (String owner : owners) {
			if (!owner.equals(owners.get(2))) {
				this.jdbc.sql("update app_user set display_name = ? where username = ?").params(name, owner).update();
			}
			long account = this.given.accountOwnedBy(owner, Fixtures.unique("Owners")).id();
			for (int i = 0; i < 3; i++) {
				this.api
					.post(owner, "/api/v1/opportunities",
							Map.of("accountId", account, "name", Fixtures.unique("Deal"), "amount", 100))
					.expect(201);
			}
		}
		Set<Long> ownerIds = Set.copyOf(this.jdbc.sql("select id from app_user where username in (:owners)")
			.param("owners", owners)
			.query(Long.class)
			.list());
		RecordScope director = RecordScope.everything(1);
		OpportunityQuery theirs = new OpportunityQuery(null, ownerIds, null, null, null, null, true, null, null);
		for (boolean descending : new boolean[] { false, true }) {
			String direction = descending ? " desc" : " asc";
			List<Long> expected = this.jdbc
				.sql("select o.id from opportunity o join app_user u on u.id = o.owner_id where o.owner_id in (:owners)"
						+ " and o.stage not in ('WON', 'LOST') order by u.display_name" + direction + ", o.id"
						+ direction)
				.param("owners", ownerIds)
				.query(Long.class)
				.list();
			assertThat(expected).hasSize(9);
			OpportunitySort byOwner = new OpportunitySort(OpportunitySort.Column.OWNER, descending);
			List<Long> read = new ArrayList<>();
			// Pages of two: each owner's deals run past a page's end.
			for (int offset = 0; offset < expected.size(); offset += 2) {
				this.lists.rows(director, theirs, byOwner, offset, 2).forEach((row) -> read.add(row.id()));
			}
			assertThat(read).as(direction).containsExactlyElementsOf(expected);
		}
	}

	/** Every row of the list, read three at a time. */
	private List<Long> pages(RecordScope reader, OpportunityQuery query, OpportunitySort sort) {
		List<Long> ids = new ArrayList<>();
		for (int offset = 0; offset < 9; offset += 3) {
			this.lists.rows(reader, query, sort, offset, 3).forEach((row) -> ids.add(row.id()));
		}
		return ids;
	}

}
