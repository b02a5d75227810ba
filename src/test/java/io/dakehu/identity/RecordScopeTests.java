package io.dakehu.identity;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.dakehu.account.AccountListMenus;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Record scope through every API endpoint: a KAM sees own and shared accounts, a MANAGER
 * the accounts owned by their team, a DIRECTOR everything. Anything outside the scope
 * answers 404, as if it did not exist, and is left unchanged.
 *
 * <pre>
 * team A (manager managerA): kam1, kam2      team B (manager managerB): kam3
 * own1   owned by kam1
 * own2   owned by kam2                         (kam1 may not see it)
 * other3 owned by kam3                         (other team)
 * shared4 owned by kam2, shared with kam1
 * shared5 owned by kam3, shared with kam1      (kam1 sees it, managerA does not)
 * </pre>
 */
abstract class RecordScopeTests extends ApiTestSupport {

	@Autowired
	private NamedParameterJdbcOperations batches;

	@Autowired
	private AccountListMenus menus;

	private String token;

	private String managerA;

	private String managerB;

	private String kam1;

	private String kam2;

	private String kam3;

	private String director;

	private Response own1;

	private Response own2;

	private Response other3;

	private Response shared4;

	private Response shared5;

	private long contactOfOwn2;

	private long activityOfOwn2;

	private long contactOfShared4;

	private long activityOfShared4;

	@BeforeAll
	void createTwoTeams() {
		this.token = Fixtures.unique("Scope");
		this.managerA = this.given.manager();
		this.managerB = this.given.manager();
		String teamA = this.given.team(this.managerA);
		String teamB = this.given.team(this.managerB);
		this.kam1 = this.given.kam(teamA, this.managerA);
		this.kam2 = this.given.kam(teamA, this.managerA);
		this.kam3 = this.given.kam(teamB, this.managerB);
		this.director = this.given.director();
		this.own1 = this.given.accountOwnedBy(this.kam1, this.token + " own1");
		this.own2 = this.given.account(Api.ADMIN,
				json("name", this.token + " own2", "owner", this.kam2, "registrationId", Fixtures.unique("R")));
		this.other3 = this.given.accountOwnedBy(this.kam3, this.token + " other3");
		this.shared4 = this.given.account(Api.ADMIN,
				json("name", this.token + " shared4", "owner", this.kam2, "team", List.of(this.kam1)));
		this.shared5 = this.given.account(Api.ADMIN,
				json("name", this.token + " shared5", "owner", this.kam3, "team", List.of(this.kam1)));
		this.contactOfOwn2 = this.given.contact(Api.ADMIN, this.own2.id(), "Wang Wei").id();
		this.activityOfOwn2 = this.given.activity(Api.ADMIN, this.own2.id(), "Visit at own2").id();
		this.contactOfShared4 = this.given.contact(Api.ADMIN, this.shared4.id(), "Li Na").id();
		this.activityOfShared4 = this.given.activity(Api.ADMIN, this.shared4.id(), "Visit at shared4").id();
	}

	@Test
	void aKamListsExactlyTheirOwnAndSharedAccounts() {
		Response page = list(this.kam1, "q=" + this.token);
		assertThat(page.totalElements()).isEqualTo(3);
		assertThat(page.ids()).containsExactlyInAnyOrder(this.own1.id(), this.shared4.id(), this.shared5.id());
	}

	@Test
	void aKamSearchingForAnotherKamsAccountFindsNothing() {
		assertThat(list(this.kam1, "q=" + this.own2.text("name")).totalElements()).isZero();
		assertThat(list(this.kam1, "q=" + this.own2.text("registrationId")).totalElements()).isZero();
		assertThat(list(this.kam1, "q=" + this.other3.text("name")).items()).isEmpty();
	}

	@Test
	void aKamFilteringByAnotherOwnerSeesOnlyWhatIsSharedWithThem() {
		Response page = list(this.kam1, "q=" + this.token + "&owner=" + this.kam2);
		assertThat(page.totalElements()).isEqualTo(1);
		assertThat(page.ids()).containsExactly(this.shared4.id());
	}

	@Test
	void aKamReadsAnAccountSharedWithThemWithItsContactsAndActivities() {
		this.api.get(this.kam1, "/api/v1/accounts/" + this.shared4.id()).expect(200);
		assertThat(this.api.get(this.kam1, "/api/v1/accounts/" + this.shared4.id() + "/contacts").expect(200).ids())
			.containsExactly(this.contactOfShared4);
		assertThat(this.api.get(this.kam1, "/api/v1/accounts/" + this.shared4.id() + "/activities").expect(200).ids())
			.containsExactly(this.activityOfShared4);
		this.api.get(this.kam1, "/api/v1/contacts/" + this.contactOfShared4).expect(200);
		this.api.get(this.kam1, "/api/v1/activities/" + this.activityOfShared4).expect(200);
	}

	Stream<Arguments> endpointsOfAnotherKamsAccount() {
		long account = this.own2.id();
		Object accountEdit = json("name", "Taken over", "version", this.own2.version());
		Object contact = json("name", "Intruder", "version", 0);
		Object activity = json("type", "PHONE", "occurredAt", "2026-02-01T09:00:00", "summary", "Intrusion", "version",
				0);
		return Stream.of(Arguments.of("GET", "/api/v1/accounts/" + account, null),
				Arguments.of("PUT", "/api/v1/accounts/" + account, accountEdit),
				Arguments.of("DELETE", "/api/v1/accounts/" + account, null),
				Arguments.of("GET", "/api/v1/accounts/" + account + "/contacts", null),
				Arguments.of("POST", "/api/v1/accounts/" + account + "/contacts", contact),
				Arguments.of("GET", "/api/v1/accounts/" + account + "/activities", null),
				Arguments.of("POST", "/api/v1/accounts/" + account + "/activities", activity),
				Arguments.of("GET", "/api/v1/contacts/" + this.contactOfOwn2, null),
				Arguments.of("PUT", "/api/v1/contacts/" + this.contactOfOwn2, contact),
				Arguments.of("DELETE", "/api/v1/contacts/" + this.contactOfOwn2, null),
				Arguments.of("GET", "/api/v1/activities/" + this.activityOfOwn2, null),
				Arguments.of("PUT", "/api/v1/activities/" + this.activityOfOwn2, activity),
				Arguments.of("DELETE", "/api/v1/activities/" + this.activityOfOwn2, null));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("endpointsOfAnotherKamsAccount")
	void aKamGets404FromEveryEndpointOfAnotherKamsAccountAndChangesNothing(String method, String path, Object body) {
		Response answer = this.api.send(this.kam1, Api.USER_PASSWORD, method, path, body);
		assertThat(answer.status()).as("%s %s answered %s", method, path, answer.text()).isEqualTo(404);
		assertOwn2Untouched();
	}

	@Test
	void aKamCannotHangAnAccountUnderOneTheyCannotSee() {
		String name = Fixtures.unique("Sneaky child");
		Response refused = this.api.post(this.kam1, "/api/v1/accounts", json("name", name, "parentId", this.own2.id()))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("parentId");
		assertThat(list(Api.ADMIN, "q=" + name).totalElements()).isZero();
	}

	@Test
	void aKamCannotGiveAnAccountToAnotherKam() {
		String name = Fixtures.unique("Gift");
		Response refused = this.api.post(this.kam1, "/api/v1/accounts", json("name", name, "owner", this.kam2))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("owner");
		assertThat(list(Api.ADMIN, "q=" + name).totalElements()).isZero();
	}

	@Test
	void aKamEditsTheirOwnAccount() {
		Response mine = this.given.accountOwnedBy(this.kam1, Fixtures.unique("Mine"));
		this.api
			.put(this.kam1, "/api/v1/accounts/" + mine.id(),
					json("name", mine.text("name") + " Ltd", "version", mine.version()))
			.expect(200);
		assertThat(this.api.get(this.kam1, "/api/v1/accounts/" + mine.id()).text("name"))
			.isEqualTo(mine.text("name") + " Ltd");
	}

	@Test
	void aManagerSeesExactlyTheAccountsOwnedByTheirTeam() {
		Response teamA = list(this.managerA, "q=" + this.token);
		assertThat(teamA.totalElements()).isEqualTo(3);
		assertThat(teamA.ids()).containsExactlyInAnyOrder(this.own1.id(), this.own2.id(), this.shared4.id());
		Response teamB = list(this.managerB, "q=" + this.token);
		assertThat(teamB.totalElements()).isEqualTo(2);
		assertThat(teamB.ids()).containsExactlyInAnyOrder(this.other3.id(), this.shared5.id());
	}

	@Test
	void aManagerCannotReadOrChangeAnotherTeamsAccount() {
		this.api.get(this.managerA, "/api/v1/accounts/" + this.other3.id()).expect(404);
		this.api.get(this.managerA, "/api/v1/accounts/" + this.other3.id() + "/contacts").expect(404);
		this.api
			.put(this.managerA, "/api/v1/accounts/" + this.other3.id(),
					json("name", "Taken over", "version", this.other3.version()))
			.expect(404);
		this.api.delete(this.managerA, "/api/v1/accounts/" + this.other3.id()).expect(404);
		Response unchanged = this.api.get(Api.ADMIN, "/api/v1/accounts/" + this.other3.id()).expect(200);
		assertThat(unchanged.text("name")).isEqualTo(this.other3.text("name"));
		assertThat(unchanged.body().get("archived").asBoolean()).isFalse();
	}

	@Test
	void aManagerReadsTheirTeamMembersAccountsAndTheirContacts() {
		this.api.get(this.managerA, "/api/v1/accounts/" + this.own2.id()).expect(200);
		this.api.get(this.managerA, "/api/v1/contacts/" + this.contactOfOwn2).expect(200);
		this.api.get(this.managerA, "/api/v1/activities/" + this.activityOfOwn2).expect(200);
	}

	@Test
	void aDirectorSeesEveryAccount() {
		Response page = list(this.director, "q=" + this.token);
		assertThat(page.totalElements()).isEqualTo(5);
		assertThat(page.ids()).containsExactlyInAnyOrder(this.own1.id(), this.own2.id(), this.other3.id(),
				this.shared4.id(), this.shared5.id());
		this.api.get(this.director, "/api/v1/accounts/" + this.other3.id()).expect(200);
		this.api.get(this.director, "/api/v1/contacts/" + this.contactOfOwn2).expect(200);
	}

	/**
	 * A book with shared accounts is read as its own accounts and its shared ones, each
	 * in the list's order, merged (AccountQueries.search): every page holds what the
	 * whole list sorted in that order holds at its place, each account once.
	 */
	@Test
	void aKamsPagesInterleaveOwnAndSharedAccountsInTheListsOrder() {
		String prefix = Fixtures.unique("Merged");
		String reader = this.given.kam();
		String other = this.given.kam();
		Map<String, String> regionOf = new LinkedHashMap<>();
		for (String letter : List.of("b", "D", "f", "h", "k")) {
			String name = prefix + " " + letter + " own";
			String region = letter.equals("f") ? null : "Region " + ("bDhk".indexOf(letter) % 2);
			this.given.account(Api.ADMIN, json("name", name, "owner", reader, "region", region));
			regionOf.put(name, region);
		}
		for (String letter : List.of("a", "C", "g", "m")) {
			String name = prefix + " " + letter + " shared";
			String region = letter.equals("C") ? null : "Region " + ("agm".indexOf(letter) % 2);
			this.given.account(Api.ADMIN,
					json("name", name, "owner", other, "region", region, "team", List.of(reader)));
			regionOf.put(name, region);
		}
		// An own account the reader is also a team member of is listed once.
		String both = prefix + " e own and team";
		this.given.account(Api.ADMIN,
				json("name", both, "owner", reader, "region", "Region 1", "team", List.of(reader)));
		regionOf.put(both, "Region 1");
		this.given.accountOwnedBy(other, prefix + " c not shared");

		List<String> byName = regionOf.keySet()
			.stream()
			.sorted(Comparator.comparing((String name) -> name.toLowerCase(Locale.ROOT)))
			.toList();
		assertThat(pages(reader, prefix, "sort=name")).isEqualTo(byName);
		List<String> descending = new ArrayList<>(byName);
		Collections.reverse(descending);
		assertThat(pages(reader, prefix, "sort=-name")).isEqualTo(descending);
		// By region, no region last; the same region in the order the accounts were made.
		List<String> byRegion = regionOf.keySet()
			.stream()
			.sorted(Comparator.comparing(regionOf::get, Comparator.nullsLast(Comparator.<String>naturalOrder())))
			.toList();
		List<String> listed = pages(reader, prefix, "sort=region");
		assertThat(listed).containsExactlyInAnyOrderElementsOf(byRegion);
		assertThat(listed.stream().map(regionOf::get).toList())
			.isEqualTo(byRegion.stream().map(regionOf::get).toList());
		// Filtered, the few matches are read along the owner's range and the shared ids.
		List<String> inRegion = descending.stream().filter((name) -> "Region 1".equals(regionOf.get(name))).toList();
		assertThat(inRegion).hasSize(4);
		assertThat(wholeList(reader, "region=Region%201&sort=-name")).isEqualTo(inRegion);
	}

	/**
	 * A manager's book in each order the list offers (decision 0075), read in pages
	 * smaller than a member's accounts: every page holds what the whole team's list
	 * sorted in that order holds at its place, each account once, and no account of
	 * another team or archived.
	 */
	@Test
	void aManagersPagesHoldTheTeamsAccountsInEachOrder() {
		String prefix = Fixtures.unique("Team order").toLowerCase(Locale.ROOT);
		String manager = this.given.manager();
		String team = this.given.team(manager);
		List<String> members = List.of(this.given.kam(team, manager), this.given.kam(team, manager),
				this.given.kam(team, manager), manager);
		// Made in this order, so creation follows the list; names and regions spread
		// across the members so no member's accounts are a run of the team's order.
		List<String> made = new ArrayList<>();
		Map<String, String> regionOf = new LinkedHashMap<>();
		String[] letters = { "k", "b", "h", "a", "m", "e", "c", "j", "f", "d" };
		for (int i = 0; i < letters.length; i++) {
			String name = prefix + " " + letters[i];
			String region = (i % 4 == 3) ? null : "Region " + (i * 5 % 3);
			this.given.account(Api.ADMIN,
					json("name", name, "owner", members.get(i % members.size()), "region", region));
			made.add(name);
			regionOf.put(name, region);
		}
		Response archived = this.given.accountOwnedBy(members.get(0), prefix + " archived");
		this.api.delete(Api.ADMIN, "/api/v1/accounts/" + archived.id()).expect(204);
		this.given.accountOwnedBy(this.given.kam(), prefix + " another team");

		List<String> byName = made.stream().sorted().toList();
		assertThat(wholeList(manager, "sort=name")).isEqualTo(byName);
		assertThat(wholeList(manager, "sort=-name")).isEqualTo(reversed(byName));
		assertThat(wholeList(manager, "sort=-created")).isEqualTo(reversed(made));
		// By region, no region last; the same region in the order the accounts were made.
		List<String> byRegion = made.stream()
			.sorted(Comparator.comparing(regionOf::get, Comparator.nullsLast(Comparator.<String>naturalOrder())))
			.toList();
		assertThat(wholeList(manager, "sort=region")).isEqualTo(byRegion);
		// Filtered, the few matches are read along each member's range as well.
		List<String> inRegion = byName.stream().filter((name) -> "Region 1".equals(regionOf.get(name))).toList();
		assertThat(inRegion).hasSizeBetween(2, 5);
		assertThat(wholeList(manager, "region=Region%201&sort=-name")).isEqualTo(reversed(inRegion));
	}

	@Test
	void aManagersFilteredPagesHoldEachMatchOnceWhoeverHoldsThem() {
		// On PostgreSQL a team's page is read member by member (decision 0076): a member
		// holding more matches than a page reaches is walked in the list's order, the
		// filters applied along the walk; one holding fewer has them read whole; the
		// accounts shared with the manager are read apart. Pages of two reach past
		// each of these.
		String prefix = Fixtures.unique("Team filter").toLowerCase(Locale.ROOT);
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String dense = this.given.kam(team, manager);
		String sparse = this.given.kam(team, manager);
		String none = this.given.kam(team, manager);
		String outsider = this.given.kam();
		// name, owner, in the region; made in this order, so creation follows it.
		Object[][] accounts = { { "m", dense, true }, { "c", sparse, false }, { "h", dense, true },
				{ "a", none, false }, { "p", dense, false }, { "e", sparse, true }, { "b", dense, true },
				{ "k", outsider, true }, { "n", sparse, false }, { "f", dense, true }, { "d", none, false },
				{ "l", dense, false }, { "g", dense, true }, { "j", sparse, false }, { "o", outsider, true } };
		List<String> made = new ArrayList<>();
		List<String> inRegion = new ArrayList<>();
		for (Object[] account : accounts) {
			String name = prefix + " " + account[0];
			boolean shared = account[1] == outsider && account[0].equals("k");
			this.given.account(Api.ADMIN, json("name", name, "owner", account[1], "region",
					((boolean) account[2]) ? "North" : "South", "team", shared ? List.of(manager) : List.of()));
			if (account[1] != outsider || shared) {
				made.add(name);
				if ((boolean) account[2]) {
					inRegion.add(name);
				}
			}
		}
		Response archived = this.given.account(Api.ADMIN,
				json("name", prefix + " i", "owner", dense, "region", "North"));
		this.api.delete(Api.ADMIN, "/api/v1/accounts/" + archived.id()).expect(204);

		List<String> byName = made.stream().sorted().toList();
		List<String> inRegionByName = inRegion.stream().sorted().toList();
		assertThat(inRegionByName).hasSize(7);
		assertThat(wholeList(manager, "sort=name")).isEqualTo(byName);
		assertThat(wholeList(manager, "sort=-created")).isEqualTo(reversed(made));
		assertThat(wholeList(manager, "region=North")).isEqualTo(inRegionByName);
		assertThat(wholeList(manager, "region=North&sort=-name")).isEqualTo(reversed(inRegionByName));
		assertThat(wholeList(manager, "region=North&sort=-created")).isEqualTo(reversed(inRegion));
		assertThat(wholeList(manager, "region=South&sort=-created"))
			.isEqualTo(reversed(made.stream().filter((name) -> !inRegion.contains(name)).toList()));
		assertThat(wholeList(manager, "region=North&owner=" + dense)).isEqualTo(inRegionByName.stream()
			.filter((name) -> name.endsWith(" m") || name.endsWith(" h") || name.endsWith(" b") || name.endsWith(" f")
					|| name.endsWith(" g"))
			.toList());
		assertThat(wholeList(manager, "region=North&archived=true")).containsExactly(prefix + " i");
	}

	private static List<String> reversed(List<String> names) {
		List<String> reversed = new ArrayList<>(names);
		Collections.reverse(reversed);
		return reversed;
	}

	/**
	 * The names of every page of two of a reader's whole list, without a search: pages
	 * smaller than an owner's accounts, so a later page needs more of them than one page.
	 */
	private List<String> wholeList(String manager, String sort) {
		List<String> names = new ArrayList<>();
		long total = -1;
		for (int page = 0; page < 10 && (total < 0 || page * 2L < total); page++) {
			Response one = this.api.get(manager, "/api/v1/accounts?size=2&page=" + page + "&" + sort).expect(200);
			total = one.totalElements();
			names.addAll(one.names());
		}
		return names;
	}

	/** The names of every page of three of a reader's list searched by the prefix. */
	private List<String> pages(String reader, String prefix, String sort) {
		List<String> names = new ArrayList<>();
		for (int page = 0; page < 5; page++) {
			Response one = this.api.get(reader, "/api/v1/accounts?size=3&page=" + page + "&q=" + prefix + "&" + sort)
				.expect(200);
			assertThat(one.totalElements()).isEqualTo(10);
			names.addAll(one.names());
		}
		return names;
	}

	@Test
	void aKamSharingMoreAccountsThanTheListNamesOneByOneStillListsExactlyOwnAndShared() {
		// Past 1,000 shared accounts the list's scope goes back to "or exists (...)"
		// (AccountQueries.listScope): the same accounts either way.
		String prefix = Fixtures.unique("Many shared");
		String owner = this.given.kam();
		String reader = this.given.kam();
		Response sharedByApi = this.given.account(Api.ADMIN,
				json("name", prefix + " by api", "owner", owner, "team", List.of(reader)));
		Response own = this.given.accountOwnedBy(reader, prefix + " own");
		Response notShared = this.given.accountOwnedBy(owner, prefix + " not shared");
		long ownerId = userId(owner);
		long readerId = userId(reader);
		// One batch: a thousand statements one by one would cost seconds.
		this.batches.batchUpdate("""
				insert into account (name, name_key, owner_id, status, archived, created_at, updated_at, version)
				values (:name, :key, :owner, 'ACTIVE', false, current_timestamp, current_timestamp, 0)""",
				IntStream.range(0, 1000)
					.mapToObj((i) -> new MapSqlParameterSource("name", prefix + " " + i)
						.addValue("key", (prefix + " " + i).toLowerCase(Locale.ROOT))
						.addValue("owner", ownerId))
					.toArray(SqlParameterSource[]::new));
		this.jdbc.sql("""
				insert into account_team_member (account_id, user_id)
				select a.id, :reader from account a where a.owner_id = :owner and a.id <> :notShared
				and a.id <> :sharedByApi""")
			.param("reader", readerId)
			.param("owner", ownerId)
			.param("notShared", notShared.id())
			.param("sharedByApi", sharedByApi.id())
			.update();
		this.jdbc
			.sql("update account_tally set accounts = accounts + 1000 where owner_id = :owner and archived = false")
			.param("owner", ownerId)
			.update();

		// The reader is new: their whole list is the one own account and 1,001 shared.
		Response page = list(reader, "sort=-name");
		assertThat(page.totalElements()).isEqualTo(1002);
		assertThat(page.ids()).contains(own.id(), sharedByApi.id()).doesNotContain(notShared.id());
		assertThat(list(reader, "q=" + prefix + " not shared").totalElements()).isZero();
		// A name search counts its 1,002 matches only up to 1,000 (decision 0054).
		Response searched = list(reader, "q=" + prefix + "&sort=-name");
		assertThat(searched.totalElements()).isEqualTo(1000);
		assertThat(searched.body().get("totalExact").asBoolean()).isFalse();
		assertThat(searched.ids()).contains(own.id(), sharedByApi.id()).doesNotContain(notShared.id());
	}

	@Test
	void theListsMenusOfferTheIndustriesInTheReadersScope() {
		String industry = Fixtures.unique("Industry");
		String kam = this.given.kam();
		String other = this.given.kam();
		this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Menu own"), "owner", kam, "industry", industry + " a"));
		this.given.account(Api.ADMIN, json("name", Fixtures.unique("Menu shared"), "owner", other, "industry",
				industry + " b", "team", List.of(kam)));
		this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Menu other"), "owner", other, "industry", industry + " c"));
		long kamId = userId(kam);

		assertThat(this.menus.of(new RecordScope(kamId, false, Set.of(kamId))).industries())
			.filteredOn((value) -> value.startsWith(industry))
			.containsExactly(industry + " a", industry + " b");
		// Everything in scope is read by probing the index value after value: the same
		// values, in the same order, as a plain "distinct".
		List<String> all = this.jdbc
			.sql("select distinct industry from account where industry is not null order by industry limit 500")
			.query(String.class)
			.list();
		assertThat(this.menus.of(RecordScope.everything(userId(this.director))).industries()).isEqualTo(all)
			.isNotEmpty();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	@Test
	void removingAKamFromTheAccountTeamHidesTheAccountFromThem() {
		String owner = this.given.kam();
		String helper = this.given.kam();
		Response account = this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Shared for a while"), "owner", owner, "team", List.of(helper)));
		this.api.get(helper, "/api/v1/accounts/" + account.id()).expect(200);
		assertThat(account.body().get("team").get(0).asString()).isEqualTo(helper);

		this.api
			.put(owner, "/api/v1/accounts/" + account.id(),
					json("name", account.text("name"), "team", List.of(), "version", account.version()))
			.expect(200);

		this.api.get(helper, "/api/v1/accounts/" + account.id()).expect(404);
		assertThat(list(helper, "q=" + account.text("name")).totalElements()).isZero();
		this.api.get(owner, "/api/v1/accounts/" + account.id()).expect(200);
	}

	@Test
	void reassigningTheOwnerMovesTheAccountBetweenKams() {
		String from = this.given.kam();
		String to = this.given.kam();
		Response account = this.given.account(Api.ADMIN, json("name", Fixtures.unique("Handover"), "owner", from));
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + account.id(),
					json("name", account.text("name"), "owner", to, "version", account.version()))
			.expect(200);
		this.api.get(from, "/api/v1/accounts/" + account.id()).expect(404);
		assertThat(this.api.get(to, "/api/v1/accounts/" + account.id()).expect(200).text("owner")).isEqualTo(to);
	}

	@Test
	void aManagerMayGiveAnAccountToTheirTeamButNotToAnotherTeam() {
		String name = Fixtures.unique("Team deal");
		this.api.post(this.managerA, "/api/v1/accounts", json("name", name, "owner", this.kam1)).expect(201);
		assertThat(list(this.kam1, "q=" + name).totalElements()).isEqualTo(1);
		String foreign = Fixtures.unique("Foreign deal");
		Response refused = this.api.post(this.managerA, "/api/v1/accounts", json("name", foreign, "owner", this.kam3))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("owner");
		assertThat(list(Api.ADMIN, "q=" + foreign).totalElements()).isZero();
	}

	@Test
	void upcomingContactsOnlyListAccountsStillInScope() {
		String kam = this.given.kam();
		Response account = this.given.accountOwnedBy(kam, Fixtures.unique("Slipping away"));
		this.api.post(kam, "/api/v1/accounts/" + account.id() + "/activities",
				json("type", "PHONE", "occurredAt", "2026-02-01T10:00:00", "summary", "Call", "nextContactDate",
						java.time.LocalDate.now().plusDays(3).toString()))
			.expect(201);
		assertThat(upcomingAccountIds(kam)).contains(account.id());
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + account.id(),
					json("name", account.text("name"), "owner", this.kam3, "version", account.version()))
			.expect(200);
		assertThat(upcomingAccountIds(kam)).doesNotContain(account.id());
	}

	private List<Long> upcomingAccountIds(String user) {
		return this.api.get(user, "/api/v1/me/upcoming-contacts")
			.expect(200)
			.items()
			.stream()
			.map((node) -> node.get("accountId").asLong())
			.toList();
	}

	private Response list(String user, String query) {
		return this.api.get(user, "/api/v1/accounts?size=200&" + query).expect(200);
	}

	private void assertOwn2Untouched() {
		Response account = this.api.get(Api.ADMIN, "/api/v1/accounts/" + this.own2.id()).expect(200);
		assertThat(account.text("name")).isEqualTo(this.own2.text("name"));
		assertThat(account.version()).isEqualTo(this.own2.version());
		assertThat(account.body().get("archived").asBoolean()).isFalse();
		Response contacts = this.api.get(Api.ADMIN, "/api/v1/accounts/" + this.own2.id() + "/contacts").expect(200);
		assertThat(contacts.ids()).containsExactly(this.contactOfOwn2);
		assertThat(contacts.names()).containsExactly("Wang Wei");
		Response activities = this.api.get(Api.ADMIN, "/api/v1/accounts/" + this.own2.id() + "/activities").expect(200);
		assertThat(activities.ids()).containsExactly(this.activityOfOwn2);
		assertThat(activities.items().get(0).get("summary").asString()).isEqualTo("Visit at own2");
	}

}
