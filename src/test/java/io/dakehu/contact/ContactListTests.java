package io.dakehu.contact;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountService;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.Simultaneous;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact list across the reader's book: what the name search finds (any two
 * consecutive characters of a Chinese name, any part of a Latin one whatever the case, a
 * whole e-mail address or phone number), what it never shows (another KAM's people,
 * whatever the search; people at archived accounts), its sorts, pages and totals. Each
 * test reads as a fresh KAM, so other tests' contacts cannot enter the expected lists.
 */
abstract class ContactListTests extends ApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Autowired
	Contacts contacts;

	@Autowired
	AccountService accounts;

	@Autowired
	Users users;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void findsAChineseNameByAnyTwoConsecutiveCharactersAndNothingElse() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("上海精密")).id();
		for (String name : List.of("欧阳建国", "李建华", "张国建国", "王小明")) {
			this.given.contact(kam, account, name);
		}
		assertThat(names(kam, "建国")).containsExactly("张国建国", "欧阳建国");
		assertThat(names(kam, "阳建")).containsExactly("欧阳建国");
		assertThat(names(kam, "欧阳建国")).containsExactly("欧阳建国");
		assertThat(names(kam, "建")).containsExactly("张国建国", "李建华", "欧阳建国");
		// Both pieces of "建国建" (建国, 国建) lie in "张国建国", which still does not
		// contain the text itself: the pieces narrow the search, the text decides.
		assertThat(names(kam, "国建国")).containsExactly("张国建国");
		assertThat(names(kam, "建国建")).isEmpty();
		assertThat(names(kam, "小红")).isEmpty();
	}

	@Test
	void findsALatinNameByAnyPartWhateverTheCaseAndAWholeAddressOrNumber() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Acme")).id();
		this.api
			.post(kam, "/api/v1/accounts/" + account + "/contacts",
					json("name", "Chen JING", "email", "Chen.Jing@Example.cn", "phone", "+86 21 5555 0101"))
			.expect(201);
		this.given.contact(kam, account, "Jingyi Wang");
		// A number without digits ("-" for unknown): a search without digits must not
		// match it.
		this.api.post(kam, "/api/v1/accounts/" + account + "/contacts", json("name", "Bcab Wu", "phone", "-"))
			.expect(201);
		// Quotes and backslashes are characters of a name like any other.
		this.given.contact(kam, account, "Ann \"Q\\R\" Li");

		assertThat(names(kam, "jing")).containsExactly("Chen JING", "Jingyi Wang");
		assertThat(names(kam, "EN JI")).containsExactly("Chen JING");
		assertThat(names(kam, "  chen  ")).containsExactly("Chen JING");
		assertThat(names(kam, "chen.jing@example.CN")).containsExactly("Chen JING");
		assertThat(names(kam, "+86 21 5555 0101")).containsExactly("Chen JING");
		// A number is matched by its digits, however it is written.
		assertThat(names(kam, "862155550101")).containsExactly("Chen JING");
		assertThat(names(kam, "(86) 21-5555-0101")).containsExactly("Chen JING");
		// Part of an address or a number is no name: a search matches them whole.
		assertThat(names(kam, "example.cn")).isEmpty();
		assertThat(names(kam, "5555")).isEmpty();
		// "abca" has the pieces ab, bc and ca, all in "bcab wu", but not the text.
		assertThat(names(kam, "abca")).isEmpty();
		// LIKE's wildcards are plain characters to the search.
		assertThat(names(kam, "%25")).isEmpty();
		assertThat(names(kam, "_")).isEmpty();
		assertThat(names(kam, "\"q\\r\"")).containsExactly("Ann \"Q\\R\" Li");
	}

	@Test
	void aKamNeverSeesAnotherKamsPeopleWhateverTheSearchButTheirManagerAndADirectorDo() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, manager);
		String other = this.given.kam();
		String director = this.given.director();
		String name = "司马" + Fixtures.unique("相如");
		long mine = this.given.accountOwnedBy(kam, Fixtures.unique("Mine")).id();
		long theirs = this.given.accountOwnedBy(other, Fixtures.unique("Theirs")).id();
		long own = this.given.contact(kam, mine, name).id();
		long hidden = this.api
			.post(other, "/api/v1/accounts/" + theirs + "/contacts",
					json("name", name, "email", "sima@example.cn", "phone", "13800000000"))
			.expect(201)
			.id();

		for (String q : List.of(name, "司马", "相如", "sima@example.cn", "13800000000", "")) {
			assertThat(ids(kam, q)).as(q).doesNotContain(hidden);
		}
		assertThat(ids(kam, "司马")).containsExactly(own);
		assertThat(ids(manager, name)).containsExactly(own);
		assertThat(ids(director, name)).containsExactlyInAnyOrder(own, hidden);
		assertThat(ids(director, name + "&owner=" + other)).containsExactly(hidden);
		assertThat(this.api.page(kam, "/contacts?q=" + name).expect(200).text()).contains(name)
			.doesNotContain("/accounts/" + theirs + "\"");
	}

	@Test
	void aSearchFindsPeopleAtAccountsSharedWithTheKamAndTheOwnerFilterNarrowsItWithinTheBook() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String director = this.given.director();
		String name = Fixtures.unique("Ouyang");
		long own = this.given.contact(kam, this.given.accountOwnedBy(kam, Fixtures.unique("Own")).id(), name + " Own")
			.id();
		long shared = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Shared"), "owner", other, "team", List.of(kam)))
			.id();
		long atShared = this.given.contact(Api.ADMIN, shared, name + " Shared").id();
		long theirs = this.given
			.contact(other, this.given.accountOwnedBy(other, Fixtures.unique("Theirs")).id(), name + " Theirs")
			.id();

		assertThat(ids(kam, name)).containsExactlyInAnyOrder(own, atShared);
		assertThat(ids(kam, name + "&owner=" + kam)).containsExactly(own);
		assertThat(ids(kam, name + "&owner=" + other)).containsExactly(atShared);
		assertThat(ids(director, name)).containsExactlyInAnyOrder(own, atShared, theirs);
		assertThat(ids(director, name + "&owner=" + other)).containsExactlyInAnyOrder(atShared, theirs);
	}

	@Test
	void leavesOutPeopleAtArchivedAccounts() {
		String kam = this.given.kam();
		long live = this.given.accountOwnedBy(kam, Fixtures.unique("Live")).id();
		long archived = this.given.accountOwnedBy(kam, Fixtures.unique("Closed")).id();
		long kept = this.given.contact(kam, live, "Kept Person").id();
		this.given.contact(kam, archived, "Gone Person");
		this.api.delete(kam, "/api/v1/accounts/" + archived).expect(204);
		assertThat(ids(kam, "person")).containsExactly(kept);
	}

	@Test
	void sortsByNameByAccountOrNewestFirstAndPagesWithTheTotal() {
		String kam = this.given.kam();
		long zeta = this.given.accountOwnedBy(kam, "Zeta " + Fixtures.unique("Works")).id();
		long alpha = this.given.accountOwnedBy(kam, "Alpha " + Fixtures.unique("Works")).id();
		this.given.contact(kam, zeta, "Amy");
		this.given.contact(kam, alpha, "Carl");
		this.given.contact(kam, zeta, "Bob");

		assertThat(list(kam, "sort=name").names()).containsExactly("Amy", "Bob", "Carl");
		assertThat(list(kam, "sort=-name").names()).containsExactly("Carl", "Bob", "Amy");
		assertThat(list(kam, "sort=account").names()).containsExactly("Carl", "Amy", "Bob");
		assertThat(list(kam, "sort=-created").names()).containsExactly("Bob", "Carl", "Amy");
		assertThat(list(kam, "sort=account").items().get(0).get("accountName").asString()).startsWith("Alpha ");
		// A search reads its matches' accounts another way than the whole list: the same
		// order.
		assertThat(list(kam, "sort=account&q=a").names()).containsExactly("Carl", "Amy");
		assertThat(list(kam, "sort=-account&q=a").names()).containsExactly("Amy", "Carl");
		assertThat(list(kam, "sort=account&q=a").items().get(0).get("accountName").asString()).startsWith("Alpha ");

		Response first = list(kam, "sort=name&size=2");
		assertThat(first.names()).containsExactly("Amy", "Bob");
		assertThat(first.totalElements()).isEqualTo(3);
		assertThat(first.body().get("totalPages").asInt()).isEqualTo(2);
		Response second = list(kam, "sort=name&size=2&page=1");
		assertThat(second.names()).containsExactly("Carl");
		assertThat(second.totalElements()).isEqualTo(3);
	}

	/**
	 * The list without a search reads each owner's people by the book their account is in
	 * (decision 0069): it follows every move of an account — a transfer, archiving, a
	 * return to the pool, a merge that brings people over — and merges a team's owners
	 * and the accounts shared with the reader in name order, page by page.
	 */
	@Test
	void theUnsearchedListFollowsEveryMoveOfTheAccountsAndMergesTheBooksInNameOrder() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String first = this.given.kam(team, manager);
		String second = this.given.kam(team, manager);
		String other = this.given.kam();
		long a = this.given.accountOwnedBy(first, Fixtures.unique("A")).id();
		long b = this.given.accountOwnedBy(second, Fixtures.unique("B")).id();
		long c = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("C"), "owner", other, "team", List.of(first)))
			.id();
		long d = this.given.accountOwnedBy(other, Fixtures.unique("D")).id();
		long e = this.given.accountOwnedBy(second, Fixtures.unique("E")).id();
		for (String name : List.of("Mia", "Abe", "Kai")) {
			this.given.contact(Api.ADMIN, a, name);
		}
		for (String name : List.of("Liu", "bo")) {
			this.given.contact(Api.ADMIN, b, name);
		}
		for (String name : List.of("Zoe", "Dan")) {
			this.given.contact(Api.ADMIN, c, name);
		}
		this.given.contact(Api.ADMIN, d, "Ann");
		this.given.contact(Api.ADMIN, e, "Eve");

		this.accountOf = new HashMap<>(Map.of("Mia", "A", "Abe", "A", "Kai", "A", "Liu", "B", "bo", "B", "Zoe", "C",
				"Dan", "C", "Ann", "D", "Eve", "E"));
		assertPaged(first, "", List.of("Abe", "Dan", "Kai", "Mia", "Zoe"));
		assertPaged(first, "&owner=" + other, List.of("Dan", "Zoe"));
		assertPaged(second, "", List.of("bo", "Eve", "Liu"));
		assertPaged(manager, "", List.of("Abe", "bo", "Eve", "Kai", "Liu", "Mia"));
		assertPaged(Api.ADMIN, "&owner=" + second, List.of("bo", "Eve", "Liu"));

		// A goes to the second KAM, B is archived, C returns to the pool, E merges into
		// A.
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + a,
					json("name", Fixtures.unique("A moved"), "owner", second, "version",
							this.api.version(Api.ADMIN, "/api/v1/accounts/" + a)))
			.expect(200);
		this.api.delete(Api.ADMIN, "/api/v1/accounts/" + b).expect(204);
		this.api.post(other, "/api/v1/accounts/" + c + "/return-to-pool", json("reason", "Moved away")).expect(200);
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + e + "/merge",
					json("into", a, "version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + e)))
			.expect(200);

		this.accountOf.put("Eve", "A");
		assertPaged(first, "", List.of());
		assertPaged(second, "", List.of("Abe", "Eve", "Kai", "Mia"));
		assertPaged(manager, "", List.of("Abe", "Eve", "Kai", "Mia"));
		assertPaged(other, "", List.of("Ann"));
		assertPaged(Api.ADMIN, "&owner=" + other, List.of("Ann"));
	}

	/**
	 * A person added while their account is transferred goes into the new owner's book:
	 * written in the book before and committed after the transfer, whose move of the
	 * account's people could not see them, they stayed in it.
	 */
	@Test
	void anAccountTransferredWhileAPersonIsAddedTakesThemAlong() throws Exception {
		String before = this.given.kam();
		String after = this.given.kam();
		String name = Fixtures.unique("Moving");
		long account = this.given.accountOwnedBy(before, name).id();
		int version = this.api.version(Api.ADMIN, "/api/v1/accounts/" + account);
		CurrentUser admin = this.users.actingAs(this.users.findByUsername(Api.ADMIN).orElseThrow().id()).orElseThrow();
		Simultaneous.Outcome<?> transferred = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.contacts.add(admin, account,
						new ContactInput("Ada", null, null, null, null, null, null, null, null, null)),
				() -> this.accounts.update(admin, account, version, new AccountInput(name, null, null, null, null, null,
						null, null, after, null, null, null, null, null, null, null, null, null)));
		assertThat(transferred.failure()).isNull();
		assertThat(list(after, "").names()).containsExactly("Ada");
		assertThat(list(before, "").names()).isEmpty();
	}

	/**
	 * Migration 179 puts the people stored before the book existed in their accounts'
	 * books: the owner's for a live account, none (0) for an archived one.
	 */
	@Test
	void theFillPutsPeopleStoredBeforeTheBookInTheirAccountsBooks() throws Exception {
		String kam = this.given.kam();
		long live = this.given.accountOwnedBy(kam, Fixtures.unique("Live")).id();
		long archived = this.given.accountOwnedBy(kam, Fixtures.unique("Closed")).id();
		long kept = this.given.contact(kam, live, "Stored Early").id();
		long gone = this.given.contact(kam, archived, "Stored Closed").id();
		this.api.delete(kam, "/api/v1/accounts/" + archived).expect(204);
		// As they were before migration 178 gave them a book: none.
		this.jdbc.sql("update contact set book_owner_id = 0 where id in (:ids)")
			.param("ids", List.of(kept, gone))
			.update();
		assertThat(list(kam, "").ids()).doesNotContain(kept);

		try (Connection connection = this.dataSource.getConnection()) {
			new ContactBookFill().migrate(new Context() {
				@Override
				public Configuration getConfiguration() {
					return null;
				}

				@Override
				public Connection getConnection() {
					return connection;
				}
			});
		}

		assertThat(list(kam, "").ids()).containsExactly(kept);
		assertThat(this.jdbc.sql("select book_owner_id from contact where id = :id")
			.param("id", gone)
			.query(Long.class)
			.single()).isZero();
	}

	/** The people of the test above in the order they were added. */
	private static final List<String> ADDED = List.of("Mia", "Abe", "Kai", "Liu", "bo", "Zoe", "Dan", "Ann", "Eve");

	/**
	 * The first letter of the account each person of the test above is at (the accounts'
	 * names begin with it).
	 */
	private Map<String, String> accountOf;

	/**
	 * The reader's list by name, in pages of two either way, with its total: the names
	 * given, in the list's order (case aside); and by creation, either way, in the order
	 * they were added.
	 */
	private void assertPaged(String reader, String filter, List<String> expected) {
		List<String> oldestFirst = expected.stream().sorted(Comparator.comparing(ADDED::indexOf)).toList();
		List<String> byCreation = new ArrayList<>();
		List<String> newestFirst = new ArrayList<>();
		for (int page = 0; page <= expected.size() / 2; page++) {
			byCreation.addAll(list(reader, "sort=created&size=2&page=" + page + filter).names());
			newestFirst.addAll(list(reader, "sort=-created&size=2&page=" + page + filter).names());
		}
		assertThat(byCreation).as(reader + filter + ", by creation").containsExactlyElementsOf(oldestFirst);
		Collections.reverse(newestFirst);
		assertThat(newestFirst).as(reader + filter + ", newest first").containsExactlyElementsOf(oldestFirst);
		List<String> byAccount = expected.stream()
			.sorted(Comparator.comparing((String name) -> this.accountOf.get(name))
				.thenComparing(String.CASE_INSENSITIVE_ORDER))
			.toList();
		List<String> accountPages = new ArrayList<>();
		for (int page = 0; page <= expected.size() / 2; page++) {
			accountPages.addAll(list(reader, "sort=account&size=2&page=" + page + filter).names());
		}
		assertThat(accountPages).as(reader + filter + ", by account").containsExactlyElementsOf(byAccount);
		List<String> ascending = expected.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
		List<String> up = new ArrayList<>();
		List<String> down = new ArrayList<>();
		for (int page = 0; page <= expected.size() / 2; page++) {
			Response byName = list(reader, "size=2&page=" + page + filter);
			Response reversed = list(reader, "sort=-name&size=2&page=" + page + filter);
			if (!expected.isEmpty() && page * 2 < expected.size()) {
				assertThat(byName.totalElements()).as(reader + filter).isEqualTo(expected.size());
			}
			up.addAll(byName.names());
			down.addAll(reversed.names());
		}
		assertThat(up).as(reader + filter).containsExactlyElementsOf(ascending);
		Collections.reverse(down);
		assertThat(down).as(reader + filter + ", descending").containsExactlyElementsOf(ascending);
	}

	@Test
	void thePageFindsByAnyPartOfTheNameAndDialsTheNumber() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("深圳华为")).id();
		long kongming = this.api
			.post(kam, "/api/v1/accounts/" + account + "/contacts",
					json("name", "诸葛亮", "phone", "+86 (21) 5555-0101", "title", "采购总监", "department", "采购部"))
			.expect(201)
			.id();
		this.given.contact(kam, account, "周瑜");
		String page = this.api.page(kam, "/contacts?q=葛亮").expect(200).text();
		assertThat(page)
			.contains("诸葛亮", "采购总监 · 采购部", "href=\"tel:+862155550101\"", "id=\"contact-filters\"",
					"href=\"/contacts/" + kongming + "/edit\"", "href=\"/accounts/" + account + "#contacts\"")
			.doesNotContain("周瑜");
		assertThat(this.api.page(kam, "/contacts").expect(200).text()).contains("诸葛亮", "周瑜",
				"/exports/contacts?format=csv", "/exports/contacts?format=xlsx");
	}

	private List<String> names(String user, String q) {
		return list(user, "q=" + q).names();
	}

	private List<Long> ids(String user, String q) {
		return list(user, "q=" + q).ids();
	}

	private Response list(String user, String query) {
		return this.api.get(user, "/api/v1/contacts?" + query + (query.contains("size=") ? "" : "&size=50"))
			.expect(200);
	}

}
