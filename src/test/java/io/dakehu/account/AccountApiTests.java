package io.dakehu.account;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounts API as a client sees it: create, read, list with search, filters, sorting
 * and paging, edit with optimistic locking, archive.
 */
abstract class AccountApiTests extends ApiTestSupport {

	/** Accounts created once for the list tests, as the test expects them. */
	private final List<Expected> catalog = new ArrayList<>();

	private String token;

	private String industryA;

	private String industryB;

	private String regionA;

	private String regionB;

	private String kamA;

	private String kamB;

	@BeforeAll
	void createCatalog() {
		this.token = Fixtures.unique("Zyx");
		this.industryA = Fixtures.unique("Steel");
		this.industryB = Fixtures.unique("Retail");
		this.regionA = Fixtures.unique("North");
		this.regionB = Fixtures.unique("South");
		this.kamA = this.given.kam();
		this.kamB = this.given.kam();
		add("Alpha", this.industryA, this.regionA, "STRATEGIC", "ACTIVE", this.kamA);
		add("bravo", this.industryA, this.regionB, "ECONOMIC", "PROSPECT", this.kamA);
		add("Charlie", this.industryB, this.regionA, "STRATEGIC", "ACTIVE", this.kamB);
		add("Delta", this.industryB, this.regionB, null, "LOST", this.kamB);
		add("echo", this.industryA, this.regionA, "IMPORTANT", "DORMANT", Api.ADMIN);
	}

	private void add(String word, String industry, String region, String type, String status, String owner) {
		String name = this.token + " " + word;
		String registrationId = Fixtures.unique("REG");
		// LOST is a decision about a customer, with its reason: made after the account
		// exists as one.
		boolean lost = "LOST".equals(status);
		Response created = this.given.account(Api.ADMIN,
				json("name", name, "registrationId", registrationId, "industry", industry, "region", region,
						"keyAccountType", type, "status", lost ? "ACTIVE" : status, "owner", owner));
		if (lost) {
			this.api
				.post(Api.ADMIN, "/api/v1/accounts/" + created.id() + "/lost",
						json("churnReason", "MOVED_AWAY", "version", created.version()))
				.expect(200);
		}
		this.catalog.add(new Expected(created.id(), name, registrationId, industry, region, type, status, owner));
	}

	@Test
	void createsAnAccountWith201AndLocation() {
		String name = Fixtures.unique("Shanghai Electric");
		Response created = this.api
			.post(Api.ADMIN, "/api/v1/accounts",
					json("name", name, "industry", "Energy", "region", "East", "employees", 1200, "annualRevenue",
							"1250000.50", "keyAccountType", "STRATEGIC", "relationshipType", "PARTNERSHIP",
							"salesApproach", "ENTERPRISE", "status", "ACTIVE"))
			.expect(201);
		assertThat(created.location()).contains("/api/v1/accounts/" + created.id());

		Response read = this.api.get(Api.ADMIN, created.location().orElseThrow()).expect(200);
		assertThat(read.text("name")).isEqualTo(name);
		assertThat(read.text("industry")).isEqualTo("Energy");
		assertThat(read.text("region")).isEqualTo("East");
		assertThat(read.body().get("employees").asInt()).isEqualTo(1200);
		assertThat(read.body().get("annualRevenue").asDecimal()).isEqualByComparingTo("1250000.50");
		assertThat(read.text("keyAccountType")).isEqualTo("STRATEGIC");
		assertThat(read.text("relationshipType")).isEqualTo("PARTNERSHIP");
		assertThat(read.text("salesApproach")).isEqualTo("ENTERPRISE");
		assertThat(read.text("status")).isEqualTo("ACTIVE");
		assertThat(read.text("owner")).as("an empty owner means the creator").isEqualTo(Api.ADMIN);
		assertThat(read.body().get("archived").asBoolean()).isFalse();
	}

	@Test
	void createsAnAccountUnderAParent() {
		Response parent = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Group HQ"));
		Response child = this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Subsidiary"), "parentId", parent.id()));
		assertThat(child.body().get("parentId").asLong()).isEqualTo(parent.id());
		assertThat(child.text("parentName")).isEqualTo(parent.text("name"));
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts?parentId=" + parent.id()).expect(200).ids())
			.containsExactly(child.id());
	}

	@Test
	void searchesByNameCaseInsensitivelyWithExactTotal() {
		Response page = list("q=" + this.token.toUpperCase() + "&size=200");
		assertThat(page.totalElements()).isEqualTo(5);
		assertThat(page.ids()).containsExactlyInAnyOrderElementsOf(ids((e) -> true));
	}

	@Test
	void searchesByExactRegistrationId() {
		Expected charlie = this.catalog.get(2);
		Response page = list("q=" + charlie.registrationId());
		assertThat(page.totalElements()).isEqualTo(1);
		assertThat(page.ids()).containsExactly(charlie.id());
	}

	@Test
	void pagesSortedByNameWithExactTotal() {
		List<String> byName = this.catalog.stream()
			.sorted(Comparator.comparing((Expected e) -> e.name().toLowerCase()))
			.map(Expected::name)
			.toList();
		Response first = list("q=" + this.token + "&sort=name&size=2&page=0");
		Response second = list("q=" + this.token + "&sort=name&size=2&page=1");
		Response third = list("q=" + this.token + "&sort=name&size=2&page=2");
		assertThat(first.totalElements()).isEqualTo(5);
		assertThat(second.totalElements()).isEqualTo(5);
		assertThat(first.names()).containsExactlyElementsOf(byName.subList(0, 2));
		assertThat(second.names()).containsExactlyElementsOf(byName.subList(2, 4));
		assertThat(third.names()).containsExactlyElementsOf(byName.subList(4, 5));
		// The last page, not full, tells the total by itself; past the end, and on a full
		// last page, it is counted.
		assertThat(third.totalElements()).as("the last page, one row").isEqualTo(5);
		assertThat(list("q=" + this.token + "&sort=name&size=2&page=7").totalElements()).as("past the end")
			.isEqualTo(5);
		assertThat(list("q=" + this.token + "&sort=name&size=5&page=0").totalElements()).as("one full page")
			.isEqualTo(5);
		assertThat(list("q=" + this.token + "&sort=name&size=5&page=1").totalElements()).as("the empty page after it")
			.isEqualTo(5);
	}

	@Test
	void sortsDescendingWithALeadingMinus() {
		List<String> byNameDescending = this.catalog.stream()
			.sorted(Comparator.comparing((Expected e) -> e.name().toLowerCase()).reversed())
			.map(Expected::name)
			.toList();
		assertThat(list("q=" + this.token + "&sort=-name").names()).containsExactlyElementsOf(byNameDescending);
		assertThat(list("q=" + this.token + "&sort=name,desc").names()).containsExactlyElementsOf(byNameDescending);
	}

	/**
	 * A list filtered by its columns without a name search is counted first and its page
	 * read among the matches (AccountQueries.search): the pages, in either order, hold
	 * what the matches sorted hold at their place, with the exact total; a filter no
	 * account meets is an empty list.
	 */
	@Test
	void pagesAListFilteredWithoutASearchInItsOrderWithItsExactTotal() {
		List<String> byName = this.catalog.stream()
			.filter((e) -> e.industry().equals(this.industryA))
			.sorted(Comparator.comparing((Expected e) -> e.name().toLowerCase()))
			.map(Expected::name)
			.toList();
		assertThat(byName).hasSize(3);
		List<String> ascending = new ArrayList<>();
		List<String> descending = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			Response up = list("industry=" + this.industryA + "&sort=name&size=2&page=" + page);
			Response down = list("industry=" + this.industryA + "&sort=-name&size=2&page=" + page);
			assertThat(up.totalElements()).isEqualTo(3);
			assertThat(down.totalElements()).isEqualTo(3);
			ascending.addAll(up.names());
			descending.addAll(down.names());
		}
		assertThat(ascending).containsExactlyElementsOf(byName);
		Collections.reverse(descending);
		assertThat(descending).containsExactlyElementsOf(byName);
		Response none = list("industry=" + this.industryB + "&type=IMPORTANT");
		assertThat(none.totalElements()).isZero();
		assertThat(none.items()).isEmpty();
	}

	/**
	 * A filter met by more accounts than the list sorts among its matches is read along
	 * the order's index instead (decision 0066): either way the pages come in the list's
	 * order with the exact total. The accounts are written straight into the table, as a
	 * bulk load does, with a last update a second apart.
	 */
	@Test
	void aFilterMetByThousandsPagesAlongTheOrderAsOneMetByAFewPagesAmongItsMatches() {
		String kam = this.given.kam();
		long ownerId = this.jdbc.sql("select owner_id from account where id = :id")
			.param("id", this.given.accountOwnedBy(kam, Fixtures.unique("Seed")).id())
			.query(Long.class)
			.single();
		String region = Fixtures.unique("Bulk");
		int count = AccountQueries.SORTED_AMONG_MATCHES + 60;
		LocalDateTime start = LocalDateTime.of(2031, 1, 1, 8, 0);
		for (int i = 0; i < count; i++) {
			String name = region + " " + String.format("%04d", i);
			this.jdbc.sql("""
					insert into account (name, name_key, region, owner_id, status, archived, created_at, updated_at,
					                     version)
					values (:name, :key, :region, :owner, :status, false, :at, :at, 1)""")
				.param("name", name)
				.param("key", name.toLowerCase())
				.param("region", region)
				.param("owner", ownerId)
				.param("status", (i % 2 == 0) ? "ACTIVE" : "PROSPECT")
				.param("at", start.plusSeconds(i))
				.update();
		}
		this.jdbc.sql("update account_tally set accounts = accounts + :n where owner_id = :o and archived = false")
			.param("n", count)
			.param("o", ownerId)
			.update();
		// Every account of the region, latest update first: along the order's index.
		List<String> latestFirst = new ArrayList<>();
		for (int i = count - 1; i >= 0; i--) {
			latestFirst.add(region + " " + String.format("%04d", i));
		}
		for (String reader : List.of(kam, Api.ADMIN)) {
			for (int page : List.of(0, 7, count / 50)) {
				Response response = this.api
					.get(reader, "/api/v1/accounts?region=" + region + "&sort=-updated&size=50&page=" + page)
					.expect(200);
				assertThat(response.totalElements()).isEqualTo(count);
				assertThat(response.names()).as(reader + " page " + page)
					.containsExactlyElementsOf(latestFirst.subList(page * 50, Math.min(count, page * 50 + 50)));
			}
		}
		// The active half, by name: few enough to sort among.
		List<String> active = latestFirst.stream()
			.filter((name) -> Integer.parseInt(name.substring(name.length() - 4)) % 2 == 0)
			.sorted()
			.toList();
		assertThat(active).hasSizeLessThanOrEqualTo(AccountQueries.SORTED_AMONG_MATCHES);
		for (int page : List.of(0, 9)) {
			Response response = this.api
				.get(kam, "/api/v1/accounts?region=" + region + "&status=ACTIVE&sort=name&size=50&page=" + page)
				.expect(200);
			assertThat(response.totalElements()).isEqualTo(active.size());
			assertThat(response.names()).containsExactlyElementsOf(active.subList(page * 50, page * 50 + 50));
		}
	}

	@Test
	void filtersByOwner() {
		assertFilter("owner=" + this.kamA, (e) -> e.owner().equals(this.kamA));
		assertFilter("owner=" + this.kamB, (e) -> e.owner().equals(this.kamB));
	}

	@Test
	void filtersByIndustry() {
		assertFilter("industry=" + this.industryA, (e) -> e.industry().equals(this.industryA));
	}

	@Test
	void filtersByRegion() {
		assertFilter("region=" + this.regionB, (e) -> e.region().equals(this.regionB));
	}

	@Test
	void filtersByKeyAccountType() {
		assertFilter("type=STRATEGIC", (e) -> "STRATEGIC".equals(e.type()));
	}

	@Test
	void filtersByStatus() {
		assertFilter("status=ACTIVE", (e) -> "ACTIVE".equals(e.status()));
		assertFilter("status=LOST", (e) -> "LOST".equals(e.status()));
	}

	@Test
	void combinesFilters() {
		assertFilter("industry=" + this.industryA + "&region=" + this.regionA + "&status=ACTIVE",
				(e) -> e.industry().equals(this.industryA) && e.region().equals(this.regionA)
						&& "ACTIVE".equals(e.status()));
	}

	@Test
	void anUnknownOwnerFilterFindsNothing() {
		Response page = list("q=" + this.token + "&owner=" + Fixtures.unique("nobody"));
		assertThat(page.totalElements()).isZero();
		assertThat(page.items()).isEmpty();
	}

	@Test
	void updatesWithTheCurrentVersion() {
		Response created = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Before"), "region", "West"));
		String renamed = Fixtures.unique("After");
		Response updated = this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + created.id(),
					json("name", renamed, "region", "East", "industry", "Energy", "version", created.version()))
			.expect(200);
		assertThat(updated.version()).isEqualTo(created.version() + 1);
		Response read = this.api.get(Api.ADMIN, "/api/v1/accounts/" + created.id()).expect(200);
		assertThat(read.text("name")).isEqualTo(renamed);
		assertThat(read.text("region")).isEqualTo("East");
		assertThat(read.text("industry")).isEqualTo("Energy");
		assertThat(read.version()).isEqualTo(created.version() + 1);
	}

	@Test
	void rejectsAStaleVersionWith409AndKeepsTheNewerEdit() {
		Response created = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Contested")));
		String first = Fixtures.unique("First edit");
		this.api.put(Api.ADMIN, "/api/v1/accounts/" + created.id(), json("name", first, "version", created.version()))
			.expect(200);
		Response stale = this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + created.id(),
					json("name", Fixtures.unique("Second edit"), "version", created.version()))
			.expect(409);
		assertThat(stale.body().get("currentVersion").asInt()).isEqualTo(created.version() + 1);
		Response read = this.api.get(Api.ADMIN, "/api/v1/accounts/" + created.id()).expect(200);
		assertThat(read.text("name")).isEqualTo(first);
		assertThat(read.version()).isEqualTo(created.version() + 1);
	}

	@Test
	void requiresAVersionToUpdate() {
		Response created = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Unversioned")));
		Response refused = this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + created.id(), json("name", Fixtures.unique("Blind edit")))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("version");
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + created.id()).text("name"))
			.isEqualTo(created.text("name"));
	}

	@Test
	void deleteArchivesAndTheDefaultListNoLongerShowsIt() {
		String name = Fixtures.unique("Retired");
		Response created = this.given.accountOwnedBy(Api.ADMIN, name);
		assertThat(list("q=" + name).totalElements()).isEqualTo(1);

		this.api.delete(Api.ADMIN, "/api/v1/accounts/" + created.id()).expect(204);

		assertThat(list("q=" + name).totalElements()).isZero();
		Response archived = list("q=" + name + "&archived=true");
		assertThat(archived.ids()).containsExactly(created.id());
		assertThat(archived.items().get(0).get("archived").asBoolean()).isTrue();
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + created.id())
			.expect(200)
			.body()
			.get("archived")
			.asBoolean()).isTrue();
	}

	@Test
	void findsAChineseNameByAnyTwoConsecutiveCharactersWithinTheReadersScopeOnly() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String director = this.given.director();
		String token = Fixtures.unique("华为");
		long huawei = this.given.accountOwnedBy(kam, "深圳" + token + "技术有限公司").id();
		long marine = this.given.accountOwnedBy(kam, token + "海洋网络").id();
		long hua = this.given.accountOwnedBy(kam, "上海华虹宏力" + Fixtures.unique("")).id();
		long theirs = this.given.accountOwnedBy(other, token + "终端有限公司").id();

		assertThat(idsFor(kam, "华为")).containsExactlyInAnyOrder(huawei, marine);
		assertThat(idsFor(kam, "深圳华为")).containsExactly(huawei);
		assertThat(idsFor(kam, "海洋")).containsExactly(marine);
		assertThat(idsFor(kam, "华")).containsExactlyInAnyOrder(huawei, marine, hua);
		assertThat(idsFor(kam, "为华")).isEmpty();
		for (String q : List.of("华为", token, token + "终端", "终端有限")) {
			assertThat(idsFor(kam, q)).as(q).doesNotContain(theirs);
		}
		assertThat(idsFor(director, token)).containsExactlyInAnyOrder(huawei, marine, theirs);
	}

	@Test
	void aRegistrationIdIsFoundWholeNotByAPart() {
		Expected charlie = this.catalog.get(2);
		String part = charlie.registrationId().substring(0, charlie.registrationId().length() - 2);
		assertThat(list("q=" + part).ids()).doesNotContain(charlie.id());
	}

	private List<Long> idsFor(String user, String q) {
		return this.api.get(user, "/api/v1/accounts?size=200&q=" + q).expect(200).ids();
	}

	@Test
	void searchesChineseNames() {
		String token = Fixtures.unique("CN");
		Response created = this.given.accountOwnedBy(Api.ADMIN, token + " 上海电气集团股份有限公司");
		Response found = list("q=" + token + " 上海电气");
		assertThat(found.ids()).containsExactly(created.id());
		assertThat(found.names()).containsExactly(token + " 上海电气集团股份有限公司");
	}

	@Test
	void clampsThePageSizeAndIgnoresUnknownSortColumns() {
		Response page = list("q=" + this.token + "&size=100000&sort=name;drop table account");
		assertThat(page.body().get("size").asInt()).isEqualTo(200);
		assertThat(page.totalElements()).isEqualTo(5);
		assertThat(page.items()).hasSize(5);
	}

	@Test
	void anUnknownIdAnswers404() {
		this.api.get(Api.ADMIN, "/api/v1/accounts/987654321").expect(404);
	}

	private Response list(String query) {
		return this.api.get(Api.ADMIN, "/api/v1/accounts?" + query).expect(200);
	}

	/**
	 * The filter, narrowed to this class's catalog by its unique search token, returns
	 * exactly the accounts the predicate selects.
	 */
	private void assertFilter(String query, Predicate<Expected> selects) {
		List<Long> expected = ids(selects);
		Response page = list("q=" + this.token + "&" + query + "&size=200");
		assertThat(page.totalElements()).as(query).isEqualTo(expected.size());
		assertThat(page.ids()).as(query).containsExactlyInAnyOrderElementsOf(expected);
	}

	private List<Long> ids(Predicate<Expected> selects) {
		return this.catalog.stream().filter(selects).map(Expected::id).toList();
	}

	private record Expected(long id, String name, String registrationId, String industry, String region, String type,
			String status, String owner) {
	}

}
