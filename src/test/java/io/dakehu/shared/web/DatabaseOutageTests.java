package io.dakehu.shared.web;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database out of reach, as the application meets it: the pool has no connection to
 * give. The test takes every connection of the pool, so each request that needs the
 * database waits the pool's connection timeout and gives up, exactly as while the
 * database server is down; then it gives them back. After one wait for the pool, never
 * two, the API answers 503 problem JSON titled in the caller's language, a page answers a
 * short 503 page, and the sign-in page, static files and the health endpoint answer
 * without the session store.
 */
abstract class DatabaseOutageTests extends ApiTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	private DataSource dataSource;

	@LocalServerPort
	private int port;

	@Test
	void whileTheDatabaseIsOutOfReachRequestsAnswer503WithinTheTimeoutAndTheSignInPageStaysUp() throws Exception {
		String kam = this.given.kam();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		signIn(browser, kam);
		assertThat(send(browser, get("/accounts", "text/html", "en")).statusCode()).isEqualTo(200);
		HttpClient client = HttpClient.newHttpClient();
		assertThat(send(client, get("/api/v1/me", "application/json", "en").header("Authorization", basic(kam)))
			.statusCode()).isEqualTo(200);

		HikariDataSource pool = this.dataSource.unwrap(HikariDataSource.class);
		long timeout = pool.getConnectionTimeout();
		// A request that waited for the pool twice would take two timeouts at least;
		// below that, a loaded build machine may add what it likes to the one wait (it
		// once added 2.5 s to the health check's).
		long oneWait = 2 * timeout;
		List<Connection> taken = new ArrayList<>();
		try {
			while (taken.size() < pool.getMaximumPoolSize()) {
				taken.add(pool.getConnection());
			}

			Timed api = timed(client,
					get("/api/v1/accounts", "application/json", "zh-CN").header("Authorization", basic(kam)));
			assertThat(api.response().statusCode()).as(api.response().body()).isEqualTo(503);
			assertThat(api.millis()).isLessThan(oneWait);
			assertThat(api.response().headers().firstValue("Content-Type").orElse(""))
				.startsWith("application/problem+json");
			JsonNode problem = JSON.readTree(api.response().body());
			assertThat(problem.get("status").asInt()).isEqualTo(503);
			assertThat(problem.get("title").asString())
				.isEqualTo(bundle("shared_zh_CN").getProperty("error.unavailable.title"));
			assertThat(api.response().headers().firstValue("Retry-After")).isPresent();

			Timed page = timed(browser, get("/accounts", "text/html", "en"));
			assertThat(page.response().statusCode()).isEqualTo(503);
			assertThat(page.millis()).isLessThan(oneWait);
			assertThat(page.response().body()).contains("id=\"database-unavailable\"",
					bundle("shared").getProperty("error.unavailable.title"));

			// Reading pages that need no session do not wait for the database at all.
			Timed login = timed(browser, get("/login", "text/html", "en"));
			assertThat(login.response().statusCode()).isEqualTo(200);
			assertThat(login.response().body()).contains("id=\"login-form\"");
			assertThat(login.millis()).isLessThan(timeout);
			Timed css = timed(browser, get("/css/app.css", "text/css", "en"));
			assertThat(css.response().statusCode()).isEqualTo(200);
			assertThat(css.millis()).isLessThan(timeout);
			Timed health = timed(browser, get("/actuator/health", "application/json", "en"));
			assertThat(health.response().statusCode()).isEqualTo(503);
			assertThat(health.response().body()).contains("DOWN");
			assertThat(health.millis()).isLessThan(oneWait);
		}
		finally {
			for (Connection connection : taken) {
				connection.close();
			}
		}
		// The database back, everything answers again, the browser still signed in.
		assertThat(send(browser, get("/accounts", "text/html", "en")).statusCode()).isEqualTo(200);
		assertThat(send(client, get("/api/v1/me", "application/json", "en").header("Authorization", basic(kam)))
			.statusCode()).isEqualTo(200);
	}

	@Test
	void theSignInFormWorksWithItsTokenFromTheCookieAndRefusesOneWithout() throws Exception {
		String kam = this.given.kam();
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		signIn(browser, kam);
		assertThat(send(browser, get("/", "text/html", "en")).statusCode()).isEqualTo(200);
		// A form posted without the cookie's token (from another site) is refused.
		HttpClient stranger = HttpClient.newHttpClient();
		String form = "username=" + kam + "&password=" + Api.USER_PASSWORD + "&_csrf=forged";
		HttpResponse<String> forged = send(stranger,
				HttpRequest.newBuilder(URI.create(base() + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(forged.statusCode()).isEqualTo(403);
	}

	private void signIn(HttpClient browser, String user) throws Exception {
		String page = send(browser, get("/login", "text/html", "en")).body();
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("the sign-in form carries a CSRF token").isTrue();
		String form = "username=" + user + "&password=" + Api.USER_PASSWORD + "&_csrf="
				+ java.net.URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = send(browser,
				HttpRequest.newBuilder(URI.create(base() + "/login"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	private HttpRequest.Builder get(String path, String accept, String language) {
		return HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", accept)
			.header("Accept-Language", language)
			.GET();
	}

	private Timed timed(HttpClient client, HttpRequest.Builder request) throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = send(client, request);
		return new Timed(response, (System.nanoTime() - start) / 1_000_000);
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request)
			throws IOException, InterruptedException {
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	private static String basic(String user) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((user + ":" + Api.USER_PASSWORD).getBytes(StandardCharsets.UTF_8));
	}

	private static Properties bundle(String name) throws IOException {
		Properties properties = new Properties();
		try (var in = DatabaseOutageTests.class.getResourceAsStream("/i18n/" + name + ".properties")) {
			properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

	record Timed(HttpResponse<String> response, long millis) {
	}

}
