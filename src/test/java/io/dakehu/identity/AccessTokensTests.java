package io.dakehu.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import io.dakehu.support.SignedIn.Page;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Personal access tokens (decision 0026): a token calls the API as its user, within the
 * user's scope and current rights, and nothing else; only its hash is stored.
 */
abstract class AccessTokensTests extends ApiTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@LocalServerPort
	int port;

	@Test
	void aTokenCallsTheApiAsItsUserWithinTheirScope() {
		String kam = this.given.kam();
		String other = this.given.kam();
		long own = this.given.accountOwnedBy(kam, Fixtures.unique("Own")).id();
		long foreign = this.given.accountOwnedBy(other, Fixtures.unique("Foreign")).id();
		String token = create(kam, "CI");

		Answer me = bearer(token, "GET", "/api/v1/me", null);
		assertThat(me.status()).isEqualTo(200);
		assertThat(me.json().get("username").asString()).isEqualTo(kam);
		assertThat(bearer(token, "GET", "/api/v1/accounts/" + own, null).status()).isEqualTo(200);
		assertThat(bearer(token, "GET", "/api/v1/accounts/" + foreign, null).status())
			.as("another KAM's account is not there for this token")
			.isEqualTo(404);

		// No CSRF token: an API call with a bearer token needs none.
		String name = Fixtures.unique("By token");
		Answer created = bearer(token, "POST", "/api/v1/accounts", json("name", name));
		assertThat(created.status()).as(created.text()).isEqualTo(201);
		assertThat(this.jdbc.sql("select count(*) from account where name = ?").param(name).query(Long.class).single())
			.isEqualTo(1);
		assertThat(this.api.get(kam, "/api/v1/accounts/" + created.json().get("id").asLong()).status()).isEqualTo(200);
	}

	@Test
	void theSecretIsShownOnceAndOnlyItsHashIsStored() {
		String kam = this.given.kam();
		Api.Response created = this.api.post(kam, "/api/v1/me/tokens", json("name", "Reporting")).expect(201);
		String secret = created.text("token");
		assertThat(secret).startsWith("dkh_").hasSizeGreaterThanOrEqualTo(40);
		long id = created.id();

		Map<String, Object> row = this.jdbc.sql("select * from api_token where id = ?").param(id).query().singleRow();
		assertThat(row.values()).noneMatch((value) -> value != null && value.toString().contains(secret));
		assertThat(row.get("token_hash")).isEqualTo(sha256(secret));
		LocalDateTime createdAt = ((java.sql.Timestamp) row.get("created_at")).toLocalDateTime();
		LocalDateTime expiresAt = ((java.sql.Timestamp) row.get("expires_at")).toLocalDateTime();
		assertThat(expiresAt).as("90 days unless asked otherwise").isEqualTo(createdAt.plusDays(90));

		Api.Response list = this.api.get(kam, "/api/v1/me/tokens").expect(200);
		assertThat(list.text()).doesNotContain(secret).doesNotContain(sha256(secret));
		assertThat(list.items()).hasSize(1);
		assertThat(list.items().get(0).get("name").asString()).isEqualTo("Reporting");
		assertThat(list.items().get(0).get("lastUsedAt").isNull()).isTrue();

		assertThat(bearer(secret, "GET", "/api/v1/me", null).status()).isEqualTo(200);
		assertThat(bearer(secret, "GET", "/api/v1/me", null).status()).isEqualTo(200);
		JsonNode used = this.api.get(kam, "/api/v1/me/tokens").expect(200).items().get(0);
		assertThat(used.get("lastUsedAt").isNull()).as("the use is noted").isFalse();
	}

	@Test
	void wrongUnknownExpiredAndRevokedTokensAnswer401ProblemJson() {
		String kam = this.given.kam();
		String secret = create(kam, "Soon gone");
		char last = secret.charAt(secret.length() - 1);
		String wrong = secret.substring(0, secret.length() - 1) + ((last == 'A') ? 'B' : 'A');
		assertRefused(bearer(wrong, "GET", "/api/v1/me", null));
		assertRefused(bearer("dkh_" + "x".repeat(43), "GET", "/api/v1/me", null));
		assertRefused(bearer("not-a-token", "GET", "/api/v1/me", null));
		assertRefused(bearer("", "GET", "/api/v1/me", null));

		// Expired before its first call: a token in use is remembered for a few seconds
		// with its expiry, which nothing in the product changes afterwards.
		String expiring = create(kam, "Expired");
		this.jdbc.sql("update api_token set expires_at = ? where token_hash = ?")
			.params(LocalDateTime.now().minusMinutes(1), sha256(expiring))
			.update();
		assertRefused(bearer(expiring, "GET", "/api/v1/me", null));

		assertThat(bearer(secret, "GET", "/api/v1/me", null).status()).isEqualTo(200);
		long id = idOf(secret);
		this.api.delete(kam, "/api/v1/me/tokens/" + id).expect(204);
		assertRefused(bearer(secret, "GET", "/api/v1/me", null));
		this.api.delete(kam, "/api/v1/me/tokens/" + id).expect(404);
	}

	@Test
	void aTokenCannotMintTokensNorRevokeAnotherUsersToken() {
		String kam = this.given.kam();
		String other = this.given.kam();
		String secret = create(kam, "CI");
		String others = create(other, "Theirs");

		assertThat(bearer(secret, "POST", "/api/v1/me/tokens", json("name", "Successor")).status()).isEqualTo(403);
		assertThat(this.api.delete(kam, "/api/v1/me/tokens/" + idOf(others)).status()).isEqualTo(404);
		assertThat(bearer(others, "GET", "/api/v1/me", null).status()).isEqualTo(200);
		assertThat(this.api.get(kam, "/api/v1/users/" + UserRows.id(this.jdbc, other) + "/tokens").status())
			.isEqualTo(403);
		assertThat(tokensOf(kam)).isEqualTo(1);
	}

	@Test
	void aNameAndALifetimeWithinAYearAreRequired() {
		String kam = this.given.kam();
		assertThat(this.api.post(kam, "/api/v1/me/tokens", json("name", "Too long", "days", 366))
			.expect(400)
			.errorFields()).containsExactly("days");
		assertThat(this.api.post(kam, "/api/v1/me/tokens", json("name", "Never", "days", 0)).expect(400).errorFields())
			.containsExactly("days");
		assertThat(this.api.post(kam, "/api/v1/me/tokens", json("name", " ", "days", 30)).expect(400).errorFields())
			.containsExactly("name");
		assertThat(tokensOf(kam)).isZero();

		long id = this.api.post(kam, "/api/v1/me/tokens", json("name", "A year", "days", 365)).expect(201).id();
		Map<String, Object> row = this.jdbc.sql("select created_at, expires_at from api_token where id = ?")
			.param(id)
			.query()
			.singleRow();
		assertThat(((java.sql.Timestamp) row.get("expires_at")).toLocalDateTime())
			.isEqualTo(((java.sql.Timestamp) row.get("created_at")).toLocalDateTime().plusDays(365));
	}

	@Test
	void deactivatingTheUserRefusesTheTokenOnItsNextRequest() {
		String kam = this.given.kam();
		String secret = create(kam, "CI");
		assertThat(bearer(secret, "GET", "/api/v1/me", null).status()).isEqualTo(200);

		adminSession().post("/admin/users/" + UserRows.id(this.jdbc, kam) + "/deactivate", Map.of());

		assertRefused(bearer(secret, "GET", "/api/v1/me", null));
		assertThat(bearer(secret, "POST", "/api/v1/accounts", json("name", Fixtures.unique("Late"))).status())
			.isEqualTo(401);
	}

	@Test
	void aRoleChangeAppliesToTheTokenAtOnce() {
		String second = this.given.user("ADMIN", null, null);
		String secret = create(second, "Provisioning");
		String first = Fixtures.unique("made");
		assertThat(bearer(secret, "POST", "/api/v1/users", newUser(first)).status()).isEqualTo(201);

		Page demoted = adminSession().post("/admin/users/" + UserRows.id(this.jdbc, second),
				Map.of("displayName", "Demoted " + second, "email", "", "role", "KAM", "team", "", "manager", "",
						"version", Integer.toString(UserRows.version(this.jdbc, second))));
		assertThat(demoted.location()).endsWith("/admin/users");

		String intruder = Fixtures.unique("intruder");
		assertThat(bearer(secret, "POST", "/api/v1/users", newUser(intruder)).status()).isEqualTo(403);
		assertThat(UserRows.named(this.jdbc, intruder)).isZero();
		assertThat(bearer(secret, "GET", "/api/v1/me", null).json().get("role").asString()).isEqualTo("KAM");
	}

	@Test
	void aBearerRequestToAPageIsRefusedWithoutASession() throws Exception {
		String kam = this.given.kam();
		String secret = create(kam, "CI");
		for (String path : List.of("/accounts", "/profile", "/")) {
			HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(base() + path))
				.header("Authorization", "Bearer " + secret)
				.header("Accept", "text/html")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(answer.statusCode()).as(path).isEqualTo(401);
			assertThat(answer.headers().allValues("Set-Cookie")).as(path).isEmpty();
		}
		HttpResponse<String> post = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/profile/tokens"))
			.header("Authorization", "Bearer " + secret)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("name=Sneaky&days=30"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(post.statusCode()).isEqualTo(401);
		assertThat(post.headers().allValues("Set-Cookie")).isEmpty();
		HttpResponse<String> api = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me"))
			.header("Authorization", "Bearer " + secret)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(200);
		assertThat(api.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
			.param(kam)
			.query(Long.class)
			.single()).isZero();
		assertThat(tokensOf(kam)).isEqualTo(1);
	}

	@Test
	void aSessionsPostStillNeedsItsCsrfToken() throws Exception {
		String kam = this.given.kam();
		HttpClient browser = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String login = browser
			.send(HttpRequest.newBuilder(URI.create(base() + "/login")).GET().build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		String csrf = Jsoup.parse(login).select("input[name=_csrf]").attr("value");
		HttpResponse<String> signedIn = browser.send(
				form("/login", "username=" + kam + "&password=" + Api.USER_PASSWORD + "&_csrf=" + encode(csrf)),
				HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");

		HttpResponse<String> refused = browser.send(form("/profile/tokens", "name=Forged&days=30"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(tokensOf(kam)).isZero();
	}

	@Test
	void myProfileCreatesAToken_showsItOnce_andRevokesIt() {
		String kam = this.given.kam();
		SignedIn session = SignedIn.as(this.port, kam, Api.USER_PASSWORD);
		Page created = session.post("/profile/tokens", Map.of("name", "Spreadsheet", "days", "30"));
		assertThat(created.status()).isEqualTo(200);
		String secret = Jsoup.parse(created.text()).select("#new-token").attr("value");
		assertThat(secret).startsWith("dkh_");
		assertThat(bearer(secret, "GET", "/api/v1/me", null).status()).isEqualTo(200);

		Page again = session.get("/profile", "en");
		assertThat(again.text()).contains("Spreadsheet").doesNotContain(secret);
		assertThat(session.get("/profile", "zh-CN").text()).contains("API 令牌", "吊销");
		Page refused = session.post("/profile/tokens", Map.of("name", "", "days", "30"));
		assertThat(refused.status()).isEqualTo(200);
		assertThat(Jsoup.parse(refused.text()).select("#name.is-invalid")).hasSize(1);
		assertThat(tokensOf(kam)).isEqualTo(1);

		Page revoked = session.post("/profile/tokens/" + idOf(secret) + "/revoke", Map.of());
		assertThat(revoked.location()).endsWith("/profile");
		assertRefused(bearer(secret, "GET", "/api/v1/me", null));
		assertThat(tokensOf(kam)).isZero();
	}

	@Test
	void anAdministratorListsAndRevokesAnyUsersTokens_audited() {
		String kam = this.given.kam();
		String secret = create(kam, "Nightly sync");
		long tokenId = idOf(secret);
		long userId = UserRows.id(this.jdbc, kam);

		Api.Response listed = this.api.get(Api.ADMIN, "/api/v1/users/" + userId + "/tokens").expect(200);
		assertThat(listed.names()).containsExactly("Nightly sync");
		assertThat(listed.text()).doesNotContain(secret);
		assertThat(adminSession().get("/admin/users/" + userId, "en").text()).contains("Nightly sync");

		Page revoked = adminSession().post("/admin/users/" + userId + "/tokens/" + tokenId + "/revoke", Map.of());
		assertThat(revoked.location()).endsWith("/admin/users/" + userId);
		assertRefused(bearer(secret, "GET", "/api/v1/me", null));
		assertThat(this.jdbc
			.sql("select actor from audit_log where entity_type = 'ApiToken' and entity_id = ? and action = 'DELETE'")
			.param(tokenId)
			.query(String.class)
			.list()).contains(Api.ADMIN);
		assertThat(this.jdbc.sql(
				"select count(*) from audit_log where entity_type = 'ApiToken' and entity_id = ? and action = 'CREATE'")
			.param(tokenId)
			.query(Long.class)
			.single()).isPositive();

		String second = create(kam, "Second");
		this.api.delete(Api.ADMIN, "/api/v1/users/" + userId + "/tokens/" + idOf(second)).expect(204);
		assertRefused(bearer(second, "GET", "/api/v1/me", null));
		String third = create(kam, "Third");
		this.api
			.delete(Api.ADMIN, "/api/v1/users/" + UserRows.id(this.jdbc, this.given.kam()) + "/tokens/" + idOf(third))
			.expect(404);
		assertThat(bearer(third, "GET", "/api/v1/me", null).status()).isEqualTo(200);
	}

	private String create(String user, String name) {
		return this.api.post(user, "/api/v1/me/tokens", json("name", name)).expect(201).text("token");
	}

	private void assertRefused(Answer answer) {
		assertThat(answer.status()).as(answer.text()).isEqualTo(401);
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.json().get("status").asInt()).isEqualTo(401);
		assertThat(answer.authenticate()).startsWith("Bearer");
	}

	private Answer bearer(String token, String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json, application/problem+json")
			.header("Authorization", "Bearer " + token);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("WWW-Authenticate").orElse(""));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest form(String path, String body) {
		return HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static Map<String, Object> newUser(String username) {
		return json("username", username, "displayName", "Made " + username, "password", Api.USER_PASSWORD, "role",
				"KAM");
	}

	/** Computed here, not by the code under test. */
	private static String sha256(String secret) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private SignedIn adminSession() {
		return SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD);
	}

	private long idOf(String secret) {
		return this.jdbc.sql("select id from api_token where token_hash = ?")
			.param(sha256(secret))
			.query(Long.class)
			.single();
	}

	private long tokensOf(String username) {
		return this.jdbc.sql("select count(*) from api_token where user_id = ?")
			.param(UserRows.id(this.jdbc, username))
			.query(Long.class)
			.single();
	}

	record Answer(int status, String text, String contentType, String authenticate) {

		JsonNode json() {
			return JSON.readTree(this.text);
		}

	}

}
