package io.dakehu.identity;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations endpoints for administrators only (the metrics for a monitoring account
 * too), health for everyone; behind a TLS proxy the session cookie is Secure and HSTS is
 * sent, and not when the client used plain HTTP; redirects never name the Host a client
 * sent; the API refuses writes a browser sends from another site; the funnel's CSV writes
 * a formula-like name as text.
 */
abstract class WebHardeningTests extends ApiTestSupport {

	@Autowired
	PrometheusMeterRegistry metrics;

	@Test
	void theRequestTimingsOfEveryRouteReachTheMetrics() {
		// Three times Micrometer's default number of route patterns.
		for (int route = 0; route < 300; route++) {
			this.metrics
				.timer("http.server.requests", "error", "none", "exception", "none", "method", "GET", "outcome",
						"SUCCESS", "status", "200", "uri", "/route-" + route)
				.record(Duration.ofMillis(3));
		}
		assertThat(this.metrics.scrape()).contains("uri=\"/route-0\"").contains("uri=\"/route-299\"");
	}

	@LocalServerPort
	int port;

	/**
	 * The sign-in returns to the page the browser asked for, never to a part of a page
	 * fetched meanwhile: a badge htmx asked for just after signing out showed its bare
	 * number after the next sign-in, and a chart's data the dashboard fetched as the
	 * session ended showed as raw JSON.
	 */
	@Test
	void aSignInReturnsToThePageAskedForNotToAPartOfAPage() {
		String kam = this.given.kam();
		String page = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
		assertThat(SignedIn.returnAfterSignIn(this.port, "/contacts", Map.of("Accept", page), kam, Api.USER_PASSWORD))
			.contains("/contacts");
		String afterBadge = SignedIn.returnAfterSignIn(this.port, "/todo/badge",
				Map.of("Accept", "*/*", "HX-Request", "true"), kam, Api.USER_PASSWORD);
		assertThat(URI.create(afterBadge).getPath()).isEqualTo("/");
		String afterChart = SignedIn.returnAfterSignIn(this.port, "/dashboard/data",
				Map.of("Accept", "application/json"), kam, Api.USER_PASSWORD);
		assertThat(URI.create(afterChart).getPath()).isEqualTo("/");
	}

	@Test
	void metricsAndTheApiDescriptionAreForAdministratorsHealthForEveryone() throws Exception {
		String kam = this.given.kam();
		// The API description's own rights are checked on H2 alone (DatabaseH2Tests): an
		// administrator's read makes it, seconds of CPU a context.
		for (String path : List.of("/actuator/prometheus", "/actuator/info", "/swagger-ui.html")) {
			assertThat(this.api.get(kam, path).status()).as("a KAM at " + path).isEqualTo(403);
			assertThat(this.api.get(Api.ADMIN, path).status()).as("the administrator at " + path).isNotIn(401, 403);
		}
		assertThat(plain("/actuator/health", null).statusCode()).isEqualTo(200);
		assertThat(plain("/actuator/prometheus", null).statusCode()).as("anonymous").isIn(302, 401);
	}

	@Test
	void behindATlsProxyTheCookieIsSecureAndHstsIsSent() throws Exception {
		HttpResponse<String> proxied = plain("/login", "https");
		assertThat(proxied.headers().firstValue("Strict-Transport-Security")).isPresent();
		assertThat(proxied.headers().allValues("Set-Cookie")).isNotEmpty()
			.allSatisfy((cookie) -> assertThat(cookie).containsIgnoringCase("; Secure"));

		HttpResponse<String> direct = plain("/login", null);
		assertThat(direct.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(direct.headers().allValues("Set-Cookie"))
			.allSatisfy((cookie) -> assertThat(cookie).doesNotContainIgnoringCase("; Secure"));
	}

	@Test
	void aMonitoringAccountReadsTheMetricsAndNothingElseOfTheAdministrators() {
		// dakehu.security.metrics-users names it in the tests' configuration.
		String monitor = "metrics.reader";
		if (this.api.get(Api.ADMIN, "/api/v1/users")
			.items()
			.stream()
			.noneMatch((user) -> monitor.equals(user.get("username").asString()))) {
			this.api
				.post(Api.ADMIN, "/api/v1/users",
						Api.json("username", monitor, "displayName", "Prometheus scraper", "email",
								"metrics.reader@example.com", "password", Api.USER_PASSWORD, "role", "KAM"))
				.expect(201);
		}
		assertThat(this.api.get(monitor, "/actuator/prometheus").status()).as("the monitoring account")
			.isNotIn(401, 403);
		for (String path : List.of("/actuator/info", "/v3/api-docs", "/admin/users")) {
			assertThat(this.api.get(monitor, path).status()).as("the monitoring account at " + path).isEqualTo(403);
		}
	}

	@Test
	void theApiRefusesWritesABrowserSendsFromAnotherSite() throws Exception {
		String kam = this.given.kam();
		String basic = "Basic "
				+ Base64.getEncoder().encodeToString((kam + ":" + Api.USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
		String foreign = Fixtures.unique("Cross-site Co");
		HttpResponse<String> crossSite = post("/api/v1/accounts", foreign, "https://elsewhere.example", basic, null);
		assertThat(crossSite.statusCode()).as("Basic credentials sent from another site").isEqualTo(403);
		SignedIn session = SignedIn.as(this.port, kam, Api.USER_PASSWORD);
		HttpResponse<String> withCookie = post("/api/v1/accounts", foreign, "https://elsewhere.example", null,
				"SESSION=" + session.cookie("SESSION"));
		assertThat(withCookie.statusCode()).as("a session cookie sent from another site").isEqualTo(403);
		HttpResponse<String> delete = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/accounts/1"))
				.header("Authorization", basic)
				.header("Origin", "http://elsewhere.example:" + this.port)
				.DELETE()
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(delete.statusCode()).as("a delete from another site").isEqualTo(403);
		assertThat(this.jdbc.sql("select count(*) from account where name = :name")
			.param("name", foreign)
			.query(Long.class)
			.single()).as("nothing written").isZero();

		String own = Fixtures.unique("Same-site Co");
		assertThat(post("/api/v1/accounts", own, "http://localhost:" + this.port, basic, null).statusCode())
			.as("from this site's own pages")
			.isEqualTo(201);
		this.given.accountOwnedBy(kam, Fixtures.unique("Program Co")).expect(201);
	}

	@Test
	void aRedirectNeverNamesAForgedHost() throws Exception {
		for (String forged : List.of("Host: elsewhere.example", "X-Forwarded-Host: elsewhere.example")) {
			String answer = raw("GET /profile HTTP/1.1\r\n"
					+ (forged.startsWith("Host") ? "" : "Host: localhost:" + this.port + "\r\n") + forged
					+ "\r\nAccept: text/html\r\n" + "Connection: close\r\n\r\n");
			String head = answer.substring(0, Math.max(answer.indexOf("\r\n\r\n"), 0));
			assertThat(head).as(forged).startsWith("HTTP/1.1 302").containsIgnoringCase("Location: /login");
			assertThat(head.toLowerCase(java.util.Locale.ROOT)).as(forged).doesNotContain("elsewhere");
		}
	}

	@Test
	void theFunnelCsvWritesANameThatLooksLikeAFormulaAsText() {
		String username = Fixtures.unique("formula");
		String name = "=HYPERLINK(\"http://elsewhere.example\") " + username;
		this.api
			.post(Api.ADMIN, "/api/v1/users", Api.json("username", username, "displayName", name, "email",
					username + "@example.com", "password", Api.USER_PASSWORD, "role", "KAM"))
			.expect(201);
		long account = this.given.accountOwnedBy(username, Fixtures.unique("Formula Co")).expect(201).id();
		long deal = this.api
			.post(username, "/api/v1/opportunities", Api.json("accountId", account, "name", Fixtures.unique("Deal"),
					"amount", 1000, "owner", username, "expectedCloseDate", "2047-06-30"))
			.expect(201)
			.id();
		String path = "/api/v1/opportunities/" + deal;
		this.api
			.post(username, path + "/stage",
					Api.json("stage", "SUPPLIER_SELECTION", "version", this.api.version(username, path)))
			.expect(200);
		this.api
			.post(username, path + "/win",
					Api.json("amount", 1000, "closeDate", "2047-05-05", "version", this.api.version(username, path)))
			.expect(200);
		String csv = this.api.get(Api.ADMIN, "/api/v1/reports/funnel.csv?from=2047-01-01&to=2047-12-31")
			.expect(200)
			.text();
		assertThat(csv).contains("'=HYPERLINK").doesNotContainPattern("(^|\\n|,|\")=HYPERLINK");
	}

	private HttpResponse<String> post(String path, String name, String origin, String authorization, String cookie)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Origin", origin)
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A request as written, for headers the HTTP client will not send (Host). */
	private String raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	private HttpResponse<String> plain(String path, String forwardedProto) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "*/*");
		if (forwardedProto != null) {
			request.header("X-Forwarded-Proto", forwardedProto).header("X-Forwarded-For", "203.0.113.9");
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
