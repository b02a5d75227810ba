package io.dakehu.scorecard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The credit due list and the tier × grade heat map remember each owner's book per day
 * (decision 0059): a rating, an account opened, renamed, made a key account, given to
 * another owner, returned to the pool, claimed, archived or shared, and a run that
 * re-tiers the company each show on the next request of every reader — the owner, the
 * former owner and the company. Expected lists are the accounts the tests make and rate.
 */
abstract class CreditListsTests extends ApiTestSupport {

	@Autowired
	private CreditBooks books;

	private String quarter;

	private String kam;

	private String otherKam;

	/** The manager of both KAMs' team: their books summed. */
	private String manager;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, null);
		this.otherKam = this.given.kam(team, null);
		LocalDate today = LocalDate.now();
		this.quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
	}

	@Test
	void everyChangeOfABookShowsAtOnceForEveryReader() {
		long plain = this.given.accountOwnedBy(this.kam, Fixtures.unique("Due plain")).id();
		String keyName = Fixtures.unique("Due key");
		long key = this.given
			.account(Api.ADMIN, json("name", keyName, "owner", this.kam, "keyAccountType", "STRATEGIC"))
			.id();
		// Key accounts first; the company sees the KAM's book the same, and the heat map
		// counts no account never rated.
		assertDue(this.kam, List.of(key, plain));
		assertThat(heat(this.kam)).isEmpty();

		String grade = rate(this.kam, plain);
		assertDue(this.kam, List.of(key));
		assertThat(heat(this.kam)).isEqualTo(Map.of("NONE", Map.of(grade, 1L)));
		assertThat(heat(this.manager)).isEqualTo(Map.of("NONE", Map.of(grade, 1L)));

		// Renamed: the list shows the new name.
		String renamed = keyName + " renamed";
		update(key, json("name", renamed, "owner", this.kam, "keyAccountType", "STRATEGIC"));
		assertThat(due(this.kam).get("accounts").get(0).get("accountName").asString()).isEqualTo(renamed);

		// Given to another KAM: out of the first book, into the other's, for the company
		// too.
		update(key, json("name", renamed, "owner", this.otherKam, "keyAccountType", "STRATEGIC"));
		assertDue(this.kam, List.of());
		assertDue(this.otherKam, List.of(key));

		// Rated by its new owner: the team's heat map counts both.
		String keyGrade = rate(this.otherKam, key);
		assertDue(this.otherKam, List.of());
		assertThat(heat(this.otherKam)).isEqualTo(Map.of("NONE", Map.of(keyGrade, 1L)));
		Map<String, Map<String, Long>> both = new HashMap<>();
		both.computeIfAbsent("NONE", (t) -> new HashMap<>()).merge(grade, 1L, Long::sum);
		both.computeIfAbsent("NONE", (t) -> new HashMap<>()).merge(keyGrade, 1L, Long::sum);
		assertThat(heat(this.manager)).isEqualTo(both);

		// No longer a key account, then returned to the pool: in nobody's book, and the
		// team no longer counts it.
		update(key, json("name", renamed, "owner", this.otherKam));
		this.api.post(this.otherKam, "/api/v1/accounts/" + key + "/return-to-pool", json("reason", "Paused"))
			.expect(200);
		assertThat(heat(this.otherKam)).isEmpty();
		assertThat(heat(this.manager)).isEqualTo(Map.of("NONE", Map.of(grade, 1L)));

		// Claimed by the first KAM: rated already, so not due, and in their heat map.
		this.api.post(this.kam, "/api/v1/accounts/" + key + "/claim", json()).expect(200);
		assertDue(this.kam, List.of());
		assertThat(heat(this.kam)).isEqualTo(both);

		// A new account is due at once; archived, it is gone.
		long opened = this.given.accountOwnedBy(this.kam, Fixtures.unique("Opened")).id();
		assertDue(this.kam, List.of(opened));
		this.api.delete(this.kam, "/api/v1/accounts/" + opened).expect(204);
		assertDue(this.kam, List.of());

		// An account of the other KAM's shared with the first: in the first KAM's lists,
		// counted once for the team.
		long shared = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("Shared"), "owner", this.otherKam, "team", List.of(this.kam)))
			.id();
		assertOwnDue(this.kam, List.of(shared));
		assertDue(this.otherKam, List.of(shared));
		String sharedGrade = rate(this.otherKam, shared);
		assertOwnDue(this.kam, List.of());
		Map<String, Map<String, Long>> withShared = new HashMap<>();
		both.forEach((tier, grades) -> withShared.put(tier, new HashMap<>(grades)));
		withShared.get("NONE").merge(sharedGrade, 1L, Long::sum);
		assertThat(heat(this.kam)).isEqualTo(withShared);
		assertThat(heat(this.manager)).isEqualTo(withShared);
	}

	@Test
	void aTeamsDueListTakesEveryBooksKeyAccountsFirstThenEveryBooksOthers() {
		// The first KAM was made first: the lower id, so their book comes first.
		long firstPlain = this.given.accountOwnedBy(this.kam, Fixtures.unique("First plain")).id();
		long firstKey = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("First key"), "owner", this.kam, "keyAccountType", "STRATEGIC"))
			.id();
		long otherPlain = this.given.accountOwnedBy(this.otherKam, Fixtures.unique("Other plain")).id();
		long otherKey = this.given
			.account(Api.ADMIN,
					json("name", Fixtures.unique("Other key"), "owner", this.otherKam, "keyAccountType", "ECONOMIC"))
			.id();
		assertOwnDue(this.manager, List.of(firstKey, otherKey, firstPlain, otherPlain));
		// The API's second page of two.
		JsonNode second = this.api.get(this.manager, "/api/v1/credit-ratings/due?page=1&size=2").expect(200).body();
		List<Long> paged = new ArrayList<>();
		second.get("accounts").forEach((a) -> paged.add(a.get("accountId").asLong()));
		assertThat(paged).containsExactly(firstPlain, otherPlain);
		assertThat(second.get("total").asLong()).isEqualTo(4);
		assertThat(second.get("size").asInt()).isEqualTo(2);
		JsonNode far = this.api.get(this.manager, "/api/v1/credit-ratings/due?page=2000000000&size=500")
			.expect(200)
			.body();
		assertThat(far.get("accounts")).isEmpty();
		assertThat(far.get("total").asLong()).isEqualTo(4);
		rate(this.kam, firstKey);
		assertOwnDue(this.manager, List.of(otherKey, firstPlain, otherPlain));
	}

	@Test
	void aRunThatReTiersTheCompanyMovesTheHeatMap() {
		long big = this.given.accountOwnedBy(this.kam, Fixtures.unique("Big buyer")).id();
		String grade = rate(this.kam, big);
		assertThat(heat(this.kam)).isEqualTo(Map.of("NONE", Map.of(grade, 1L)));
		// Far more than any other account bought in the period: VIP.
		this.api.post(this.kam, "/api/v1/orders", json("accountId", big, "date", "2023-03-15", "amount", 900_000_000))
			.expect(201);
		this.api
			.post(this.given.manager(), "/api/v1/segmentation/runs",
					json("from", "2023-01-01", "to", "2023-12-31", "measure", "REVENUE"))
			.expect(201);
		assertThat(heat(this.kam)).isEqualTo(Map.of("VIP", Map.of(grade, 1L)));
	}

	@Test
	void theCompanysHeatMapCountsEveryLatestGradeWhetherItsBooksAreCountedTogetherOrOneByOne() {
		// More books than are counted one by one, so a rebuild counts them all together.
		for (int i = 0; i < 21; i++) {
			String owner = this.given.kam();
			rate(owner, this.given.accountOwnedBy(owner, Fixtures.unique("Counted")).id());
		}
		this.books.rebuild();
		assertThat(heat(Api.ADMIN)).isEqualTo(latestGrades());
		// One rating moves one book, counted alone.
		rate(this.kam, this.given.accountOwnedBy(this.kam, Fixtures.unique("Counted alone")).id());
		assertThat(heat(Api.ADMIN)).isEqualTo(latestGrades());
	}

	@Test
	void anAccountWithoutABookJoinsItsOwnersWhenTheBooksAreFilledAtStart() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Before the books")).id();
		// As in a database that had accounts before the books existed.
		this.jdbc.sql("delete from credit_account where account_id = :a").param("a", account).update();

		this.books.fillMissing();
		assertThat(this.jdbc.sql("select owner_id from credit_account where account_id = :a")
			.param("a", account)
			.query(Long.class)
			.single())
			.isEqualTo(this.jdbc.sql("select id from app_user where username = :u")
				.param("u", this.kam)
				.query(Long.class)
				.single());
		// Its book known, the owner's remembered list loses it when it moves.
		assertDue(this.kam, List.of(account));
		update(account, json("name", "Moved on", "owner", this.otherKam));
		assertDue(this.kam, List.of());
		assertDue(this.otherKam, List.of(account));
	}

	@Test
	void aBookIsRememberedUntilItsVersionMoves() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Remembered")).id();
		rate(this.kam, account);
		assertDue(this.kam, List.of());
		try {
			// Written around the application: no version moves, so the book as remembered
			// is read until the books are checked again.
			this.jdbc.sql("update credit_rating set quarter = '2001-Q1' where account_id = :a")
				.param("a", account)
				.update();
			assertDue(this.kam, List.of());
			this.books.rebuild();
			assertDue(this.kam, List.of(account));
			assertThat(due(this.kam).get("accounts").get(0).get("lastQuarter").asString()).isEqualTo("2001-Q1");
		}
		finally {
			this.jdbc
				.sql("delete from credit_rating_line where credit_rating_id in"
						+ " (select id from credit_rating where account_id = :a)")
				.param("a", account)
				.update();
			this.jdbc.sql("delete from credit_rating where account_id = :a").param("a", account).update();
		}
	}

	/**
	 * The owner's due list as the owner and as the company (filtered to the owner) read
	 * it: these accounts in this order, and that many.
	 */
	private void assertDue(String owner, List<Long> expected) {
		assertOwnDue(owner, expected);
		assertListed(this.api.get(Api.ADMIN, "/api/v1/credit-ratings/due?owner=" + owner).expect(200).body(), expected,
				owner + "'s due list read by the company");
	}

	/**
	 * The reader's own due list (the accounts shared with them included): these accounts
	 * in this order, and that many.
	 */
	private void assertOwnDue(String reader, List<Long> expected) {
		assertListed(due(reader), expected, reader + "'s own due list");
	}

	private void assertListed(JsonNode due, List<Long> expected, String what) {
		assertThat(due.get("quarter").asString()).isEqualTo(this.quarter);
		List<Long> ids = new ArrayList<>();
		due.get("accounts").forEach((a) -> ids.add(a.get("accountId").asLong()));
		assertThat(ids).as(what).containsExactlyElementsOf(expected);
		assertThat(due.get("total").asLong()).as(what).isEqualTo(expected.size());
	}

	/**
	 * Every live owned account's latest grade by the tier the latest company-wide run
	 * gave it, counted here from the tables.
	 */
	private Map<String, Map<String, Long>> latestGrades() {
		Map<String, Map<String, Long>> counts = new HashMap<>();
		this.jdbc.sql("""
				select coalesce(s.tier, 'NONE'), r.grade from account a
				join credit_rating r on r.account_id = a.id
				left join segmentation_snapshot s on s.account_id = a.id
				     and s.run_id = (select sr.id from segmentation_run sr where sr.population is null
				                     order by sr.started_at desc, sr.id desc limit 1)
				where a.archived = false and a.owner_id is not null
				  and r.id = (select r2.id from credit_rating r2 where r2.account_id = a.id
				              order by r2.quarter desc, r2.id desc limit 1)""").query((java.sql.ResultSet rs) -> {
			counts.computeIfAbsent(rs.getString(1), (t) -> new HashMap<>()).merge(rs.getString(2), 1L, Long::sum);
		});
		return counts;
	}

	private JsonNode due(String reader) {
		return this.api.get(reader, "/api/v1/credit-ratings/due").expect(200).body();
	}

	private Map<String, Map<String, Long>> heat(String reader) {
		Map<String, Map<String, Long>> counts = new HashMap<>();
		JsonNode body = this.api.get(reader, "/api/v1/credit-ratings/heatmap").expect(200).body();
		body.get("counts").properties().forEach((tier) -> tier.getValue().properties().forEach((grade) -> {
			counts.computeIfAbsent(tier.getKey(), (t) -> new HashMap<>())
				.put(grade.getKey(), grade.getValue().asLong());
		}));
		return counts;
	}

	/** Rates the account this quarter; its grade. */
	private String rate(String user, long account) {
		return this.api
			.post(user, "/api/v1/accounts/" + account + "/credit-ratings",
					json("quarter", this.quarter, "inputs", CreditRatingTests.goodInputs(), "overrides", Map.of()))
			.expect(201)
			.text("grade");
	}

	private void update(long account, Map<String, Object> fields) {
		Map<String, Object> body = new HashMap<>(fields);
		body.put("version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + account));
		Response updated = this.api.put(Api.ADMIN, "/api/v1/accounts/" + account, body);
		updated.expect(200);
	}

}
