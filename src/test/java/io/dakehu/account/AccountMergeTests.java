package io.dakehu.account;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.Simultaneous;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Duplicate accounts, as a user meets them: a warning with the existing account on create
 * and import, and the merge of two accounts carrying contacts, activities, purchases,
 * opportunities and assessments, after which the absorbed account's addresses lead to the
 * survivor. Expected counts are taken from the API before the merge and added up here.
 */
abstract class AccountMergeTests extends ApiTestSupport {

	@Autowired
	OrderLedger ledger;

	@Autowired
	ImportJobs imports;

	@Autowired
	Users users;

	@Autowired
	AccountService accounts;

	@Autowired
	PlatformTransactionManager transactions;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@org.springframework.boot.test.web.server.LocalServerPort
	private int port;

	@Test
	void aFoldedNameMatchWarnsWithTheExistingAccountAndForceCreatesAnyway() {
		String word = Fixtures.unique("Zhongxing");
		long existing = this.given.account(Api.ADMIN, json("name", word + " 股份有限公司")).id();
		// Full-width letters, another company form, other case: the same organisation.
		String fullWidth = toFullWidth(word.toUpperCase()) + "（集团）";
		Response warned = this.api.post(Api.ADMIN, "/api/v1/accounts", json("name", fullWidth)).expect(409);
		JsonNode match = warned.body().get("existing").get(0);
		assertThat(match.get("id").asLong()).isEqualTo(existing);
		assertThat(match.get("matchedOn").asString()).isEqualTo("name");
		assertThat(match.get("href").asString()).isEqualTo("/api/v1/accounts/" + existing);
		assertThat(warned.body().get("forcible").asBoolean()).isTrue();
		assertThat(warned.text("detail")).contains("force=true");
		long forced = this.api.post(Api.ADMIN, "/api/v1/accounts?force=true", json("name", fullWidth)).expect(201).id();
		assertThat(forced).isNotEqualTo(existing);
	}

	@Test
	void aNewAccountSavedWhileTheSameIsBeingSavedWaitsAndIsWarned() throws Exception {
		String name = Fixtures.unique("Simultaneous");
		CurrentUser admin = admin();
		Simultaneous.Outcome<AccountDetails> second = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.accounts.open(admin, input(name, null), false),
				() -> this.accounts.open(admin, input(name, null), false));
		assertThat(second.waited()).as("the second waits while the first is not committed").isTrue();
		assertThat(second.failure()).isInstanceOf(DuplicateAccountException.class);
		assertThat(total(Api.ADMIN, "/api/v1/accounts?q=" + enc(name))).isOne();
	}

	@Test
	void anAccountReRegisteredWhileTheSameIdIsBeingSavedWaitsAndIsRefused() throws Exception {
		String registrationId = Fixtures.unique("91440000");
		CurrentUser admin = admin();
		AccountDetails other = this.accounts.open(admin, input(Fixtures.unique("Re-registered"), null), false);
		AccountInput reRegistered = input(other.name(), registrationId);
		Simultaneous.Outcome<AccountDetails> second = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.accounts.open(admin, input(Fixtures.unique("Registered first"), registrationId), false),
				() -> this.accounts.update(admin, other.id(), other.version(), reRegistered));
		assertThat(second.waited()).as("the second waits while the first is not committed").isTrue();
		assertThat(second.failure()).isInstanceOf(RuleViolationException.class)
			.hasMessage("registrationId: validation.duplicate");
		assertThat(total(Api.ADMIN, "/api/v1/accounts?q=" + enc(registrationId))).isOne();
	}

	@Test
	void aRegistrationIdMatchIsOfferedAndNeverForced() {
		String registrationId = Fixtures.unique("91310000");
		long existing = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Registered"), "registrationId", registrationId))
			.id();
		Response warned = this.api
			.post(Api.ADMIN, "/api/v1/accounts",
					json("name", Fixtures.unique("Other name"), "registrationId", registrationId))
			.expect(409);
		assertThat(warned.body().get("existing").get(0).get("id").asLong()).isEqualTo(existing);
		assertThat(warned.body().get("existing").get(0).get("matchedOn").asString()).isEqualTo("registrationId");
		assertThat(warned.body().get("forcible").asBoolean()).isFalse();
		this.api
			.post(Api.ADMIN, "/api/v1/accounts?force=true",
					json("name", Fixtures.unique("Other name"), "registrationId", registrationId))
			.expect(409);
	}

	@Test
	void aDuplicateOutsideTheScopeIsNamedButNotOffered() {
		String owner = this.given.kam();
		String other = this.given.kam();
		String name = Fixtures.unique("Hidden Co");
		this.given.accountOwnedBy(owner, name + " Ltd.");
		JsonNode match = this.api.post(other, "/api/v1/accounts", json("name", name))
			.expect(409)
			.body()
			.get("existing")
			.get(0);
		assertThat(match.get("id").isNull()).isTrue();
		assertThat(match.get("name").isNull()).isTrue();
	}

	@Test
	void anImportedDuplicateIsRejectedWithTheStoredAccountAsItsSuggestion() throws Exception {
		String word = Fixtures.unique("Importco");
		long existing = this.given.account(Api.ADMIN, json("name", word + " Co., Ltd.")).id();
		String csv = "name,industry\n" + word.toLowerCase() + " inc,Steel\n" + Fixtures.unique("Fresh") + ",Steel\n";
		ImportJobView job = asAdmin(
				() -> this.imports.runNow(this.users.current(), ImportRequest.of(ImportType.ACCOUNTS, "accounts.csv"),
						new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false));
		assertThat(job.status()).isEqualTo(ImportStatus.VALIDATED);
		assertThat(job.errors()).singleElement().satisfies((error) -> {
			assertThat(error.row()).isEqualTo(2);
			assertThat(error.code()).isEqualTo("import.duplicateStored");
			assertThat(error.suggestion()).isEqualTo(word + " Co., Ltd. #" + existing);
		});
	}

	@Test
	void aMergeMovesEverythingToTheSurvivorAndTheAbsorbedAddressRedirects() throws Exception {
		String kam = this.given.kam();
		long survivor = this.given.accountOwnedBy(kam, Fixtures.unique("Survivor")).id();
		long absorbed = this.given.accountOwnedBy(kam, Fixtures.unique("Absorbed")).id();
		this.given.contact(kam, survivor, "Li Lei");
		this.given.contact(kam, absorbed, "Han Meimei");
		this.given.contact(kam, absorbed, "Wang Fang");
		this.given.activity(kam, absorbed, "Visit before the merge");
		this.api
			.post(kam, "/api/v1/accounts/" + absorbed + "/relationship-assessments",
					json("personal", 2, "company", 3, "assessedOn", "2026-01-10", "evidence",
							"Joint project since last year"))
			.expect(201);
		this.api.post(kam, "/api/v1/opportunities", json("accountId", absorbed, "name", "Absorbed deal")).expect(201);
		this.api.post(kam, "/api/v1/opportunities", json("accountId", survivor, "name", "Survivor deal")).expect(201);
		long kamId = this.api.get(kam, "/api/v1/me").expect(200).id();
		asAdmin(() -> this.ledger.append(List.of(
				new NewOrderLine(absorbed, LocalDate.of(2026, 1, 5), null, BigDecimal.ONE, new BigDecimal("100.00"),
						null, kamId, "merge-test", null),
				new NewOrderLine(absorbed, LocalDate.of(2026, 2, 5), null, BigDecimal.ONE, new BigDecimal("250.00"),
						null, kamId, "merge-test", null),
				new NewOrderLine(survivor, LocalDate.of(2026, 3, 5), null, BigDecimal.ONE, new BigDecimal("40.00"),
						null, kamId, "merge-test", null))));

		int contacts = count(kam, "/api/v1/accounts/" + survivor + "/contacts")
				+ count(kam, "/api/v1/accounts/" + absorbed + "/contacts");
		int activities = count(kam, "/api/v1/accounts/" + survivor + "/activities")
				+ count(kam, "/api/v1/accounts/" + absorbed + "/activities");
		int assessments = count(kam, "/api/v1/accounts/" + survivor + "/relationship-assessments")
				+ count(kam, "/api/v1/accounts/" + absorbed + "/relationship-assessments");
		long orders = total(kam, "/api/v1/orders?accountId=" + survivor)
				+ total(kam, "/api/v1/orders?accountId=" + absorbed);
		long opportunities = total(kam, "/api/v1/opportunities?accountId=" + survivor)
				+ total(kam, "/api/v1/opportunities?accountId=" + absorbed);
		long absorbedHistory = auditRows(absorbed);
		long survivorHistory = auditRows(survivor);
		assertThat(contacts).isEqualTo(3);
		assertThat(orders).isEqualTo(3);

		int version = this.api.get(kam, "/api/v1/accounts/" + absorbed).expect(200).version();
		// A stale version is refused and changes nothing.
		this.api.post(kam, "/api/v1/accounts/" + absorbed + "/merge", json("into", survivor, "version", version + 1))
			.expect(409);
		this.api.post(kam, "/api/v1/accounts/" + absorbed + "/merge", json("into", absorbed, "version", version))
			.expect(400);
		Response merged = this.api
			.post(kam, "/api/v1/accounts/" + absorbed + "/merge", json("into", survivor, "version", version))
			.expect(200);
		assertThat(merged.id()).isEqualTo(survivor);

		assertThat(count(kam, "/api/v1/accounts/" + survivor + "/contacts")).isEqualTo(contacts);
		assertThat(count(kam, "/api/v1/accounts/" + survivor + "/activities")).isEqualTo(activities);
		assertThat(count(kam, "/api/v1/accounts/" + survivor + "/relationship-assessments")).isEqualTo(assessments);
		assertThat(total(kam, "/api/v1/orders?accountId=" + survivor)).isEqualTo(orders);
		assertThat(total(kam, "/api/v1/opportunities?accountId=" + survivor)).isEqualTo(opportunities);
		JsonNode purchases = this.api.get(kam, "/api/v1/accounts/" + survivor + "/purchases").expect(200).body();
		assertThat(purchases.toString()).contains("390");
		// Both histories on the survivor, plus the merge itself.
		assertThat(auditRows(survivor)).isGreaterThan(absorbedHistory + survivorHistory);
		assertThat(this.jdbc
			.sql("select new_value from audit_log where account_id = :id and entity_id = :id and field = 'mergedFrom'")
			.param("id", survivor)
			.query(String.class)
			.list()).singleElement().asString().contains("#" + absorbed);

		// The absorbed account's addresses lead to the survivor.
		Response redirected = this.api.get(kam, "/api/v1/accounts/" + absorbed);
		assertThat(redirected.status()).isEqualTo(308);
		assertThat(redirected.location().orElseThrow()).endsWith("/api/v1/accounts/" + survivor);
		HttpResponse<String> page = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/accounts/" + absorbed))
			.header("Authorization", basic(kam))
			.header("Accept", "text/html")
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isIn(301, 302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/accounts/" + survivor);
		// The tombstone is in no list, and cannot be merged again.
		assertThat(this.api.get(kam, "/api/v1/accounts?archived=true&size=100").expect(200).ids())
			.doesNotContain(absorbed);
		assertThat(this.api.get(kam, "/api/v1/accounts?size=100").expect(200).ids()).contains(survivor)
			.doesNotContain(absorbed);
		this.api
			.post(kam, "/api/v1/accounts/" + survivor + "/merge", json("into", absorbed, "version", merged.version()))
			.expect(400);
	}

	/**
	 * The tombstone a merge leaves takes no more change: restored, it stood in its
	 * owner's count of live accounts while no list showed it, so the list's total and its
	 * rows disagreed. Every change answers why, in the user's language, and leaves it as
	 * it was.
	 */
	@Test
	void theTombstoneOfAMergeTakesNoChange() throws Exception {
		String kam = this.given.kam();
		long absorbed = this.given.accountOwnedBy(kam, Fixtures.unique("Gone")).id();
		long survivor = this.given.accountOwnedBy(kam, Fixtures.unique("Kept")).id();
		this.api
			.post(kam, "/api/v1/accounts/" + absorbed + "/merge",
					json("into", survivor, "version", this.api.version(kam, "/api/v1/accounts/" + absorbed)))
			.expect(200);
		Response edited = this.api
			.put(kam, "/api/v1/accounts/" + absorbed, json("name", Fixtures.unique("Back"), "version", 99))
			.expect(400);
		assertThat(edited.errorFields()).containsExactly("account");
		assertThat(edited.text("detail") + edited.body().toString()).contains("merged already");
		this.api.delete(kam, "/api/v1/accounts/" + absorbed).expect(400);
		CurrentUser owner = this.users.actingAs(this.users.findByUsername(kam).orElseThrow().id()).orElseThrow();
		assertThatThrownBy(() -> this.accounts.restore(owner, absorbed)).isInstanceOf(RuleViolationException.class)
			.hasFieldOrPropertyWithValue("field", "account");
		// The page's restore button answers in the reader's language and restores
		// nothing.
		HttpClient browser = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new java.net.CookieManager())
			.build();
		String page = send(browser, kam, "GET", "/accounts/" + survivor, null).body();
		HttpResponse<String> restored = send(browser, kam, "POST", "/accounts/" + absorbed + "/restore",
				"_csrf=" + csrf(page));
		assertThat(restored.statusCode()).isEqualTo(400);
		assertThat(this.jdbc.sql("select archived from account where id = :id")
			.param("id", absorbed)
			.query(Boolean.class)
			.single()).isTrue();
		// The owner's list: one live account, counted and shown.
		Response live = this.api.get(kam, "/api/v1/accounts?size=100").expect(200);
		assertThat(live.ids()).containsExactly(survivor);
		assertThat(live.totalElements()).isOne();
	}

	@Test
	void onlyWhoMayEditBothAccountsMerges() {
		String kam = this.given.kam();
		String other = this.given.kam();
		long mine = this.given.accountOwnedBy(kam, Fixtures.unique("Mine")).id();
		long theirs = this.given.accountOwnedBy(other, Fixtures.unique("Theirs")).id();
		int version = this.api.get(kam, "/api/v1/accounts/" + mine).expect(200).version();
		Response refused = this.api
			.post(kam, "/api/v1/accounts/" + mine + "/merge", json("into", theirs, "version", version))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("into");
		int theirVersion = this.api.get(other, "/api/v1/accounts/" + theirs).expect(200).version();
		this.api.post(kam, "/api/v1/accounts/" + theirs + "/merge", json("into", mine, "version", theirVersion))
			.expect(404);
		// Nothing moved.
		this.api.get(kam, "/api/v1/accounts/" + mine).expect(200);
		this.api.get(other, "/api/v1/accounts/" + theirs).expect(200);
	}

	@Test
	void thePagesWarnOfADuplicateAndMergeWithTheChosenSurvivor() throws Exception {
		String kam = this.given.kam();
		String word = Fixtures.unique("Pageco");
		long first = this.given.accountOwnedBy(kam, word + " Co., Ltd.").id();
		long second = this.api.post(kam, "/api/v1/accounts?force=true", json("name", word.toUpperCase()))
			.expect(201)
			.id();
		HttpClient browser = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new java.net.CookieManager())
			.build();
		// The form warns, links the existing accounts and offers "create anyway".
		String form = send(browser, kam, "GET", "/accounts/new", null).body();
		HttpResponse<String> warned = send(browser, kam, "POST", "/accounts",
				"_csrf=" + csrf(form) + "&name=" + enc(word + " inc") + "&status=PROSPECT");
		assertThat(warned.statusCode()).isEqualTo(200);
		assertThat(warned.body()).contains("id=\"duplicate-warning\"", "/accounts/" + first, "/accounts/" + second,
				"id=\"create-anyway\"");
		// The account page offers the merge; the merge page offers the likely duplicate.
		assertThat(send(browser, kam, "GET", "/accounts/" + first, null).body())
			.contains("/accounts/" + first + "/merge");
		String mergePage = send(browser, kam, "GET", "/accounts/" + first + "/merge", null).body();
		assertThat(mergePage).contains("id=\"merge-form\"", "value=\"" + second + "\"");
		int version = this.api.get(kam, "/api/v1/accounts/" + first).expect(200).version();
		HttpResponse<String> merged = send(browser, kam, "POST", "/accounts/" + first + "/merge",
				"_csrf=" + csrf(mergePage) + "&other=" + second + "&keep=other&version=" + version);
		assertThat(merged.statusCode()).isEqualTo(302);
		assertThat(merged.headers().firstValue("Location").orElseThrow()).endsWith("/accounts/" + second);
		assertThat(this.api.get(kam, "/api/v1/accounts/" + first).status()).isEqualTo(308);
		assertThat(this.jdbc.sql("select merged_into from account where id = :id")
			.param("id", first)
			.query(Long.class)
			.single()).isEqualTo(second);
	}

	private HttpResponse<String> send(HttpClient browser, String user, String method, String path, String form)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.header("Authorization", basic(user))
			.header("Accept", "text/html")
			.header("Accept-Language", "en");
		if (form != null) {
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.method(method, HttpRequest.BodyPublishers.ofString(form));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return browser.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static String csrf(String html) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
			.matcher(html);
		assertThat(matcher.find()).as("a CSRF token in the page").isTrue();
		return enc(matcher.group(1));
	}

	private CurrentUser admin() {
		return this.users.actingAs(this.users.findByUsername(Api.ADMIN).orElseThrow().id()).orElseThrow();
	}

	private static AccountInput input(String name, String registrationId) {
		return new AccountInput(name, registrationId, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null);
	}

	private static String enc(String text) {
		return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private int count(String user, String path) {
		return this.api.get(user, path).expect(200).items().size();
	}

	private long total(String user, String path) {
		return this.api.get(user, path).expect(200).totalElements();
	}

	private long auditRows(long accountId) {
		return this.jdbc.sql("select count(*) from audit_log where account_id = :id")
			.param("id", accountId)
			.query(Long.class)
			.single();
	}

	private static String toFullWidth(String text) {
		StringBuilder wide = new StringBuilder();
		text.chars().forEach((c) -> wide.append((c > 0x20 && c < 0x7f) ? (char) (c + 0xFEE0) : (char) c));
		return wide.toString();
	}

	private <T> T asAdmin(java.util.concurrent.Callable<T> work) throws Exception {
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(Api.ADMIN, null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			return work.call();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static String basic(String user) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + Api.USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

}
