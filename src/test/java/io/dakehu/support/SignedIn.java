package io.dakehu.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jsoup.Jsoup;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser session of one user, signed in through the login form as a person is: the
 * session cookie and nothing else, so a page that links into the HTTP Basic API shows up
 * as a 401 here.
 */
public final class SignedIn {

	private final HttpClient http;

	private final CookieManager cookies = new CookieManager();

	private final String base;

	private String csrf = "";

	private SignedIn(int port) {
		this.http = HttpClient.newBuilder()
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
		this.base = "http://localhost:" + port;
	}

	/** Signs in through the login form; fails the test when the form refuses. */
	public static SignedIn as(int port, String username, String password) {
		SignedIn session = signInOnly(port, username, password);
		session.csrf = Jsoup.parse(session.get("/profile", "en").text()).select("meta[name=_csrf]").attr("content");
		return session;
	}

	/**
	 * Signs in through the login form and opens no page: the session as the sign-in left
	 * it. Its {@link #post} has no CSRF token; a page's forms carry theirs.
	 */
	public static SignedIn signInOnly(int port, String username, String password) {
		SignedIn session = new SignedIn(port);
		assertThat(session.submitLogin(username, password, null)).as("signed in as " + username)
			.doesNotContain("error");
		return session;
	}

	/**
	 * Where the sign-in form sends a browser that asked for {@code path} before signing
	 * in with the given request headers (a browser's page asks for HTML; htmx adds
	 * {@code HX-Request}; a script's fetch asks for JSON).
	 */
	public static String returnAfterSignIn(int port, String path, Map<String, String> headers, String username,
			String password) {
		SignedIn session = new SignedIn(port);
		HttpRequest.Builder before = HttpRequest.newBuilder(URI.create(session.base + path)).GET();
		headers.forEach(before::header);
		session.send(before);
		return session.submitLogin(username, password, null);
	}

	/**
	 * One try at the login form from the given client address (sent as
	 * {@code X-Forwarded-For}, as a proxy on this machine would): where the form sends
	 * the browser: the home page on success, {@code /login?error=...} otherwise.
	 */
	public static String attempt(int port, String address, String username, String password) {
		return new SignedIn(port).submitLogin(username, password, address);
	}

	/**
	 * Fills in and sends the login form as this browser, from the client address given
	 * ({@code X-Forwarded-For}; null for none): where the form sends it.
	 */
	private String submitLogin(String username, String password, String address) {
		HttpRequest.Builder form = HttpRequest.newBuilder(URI.create(this.base + "/login"))
			.header("Accept-Language", "en")
			.GET();
		HttpRequest.Builder submit = HttpRequest.newBuilder(URI.create(this.base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded");
		if (address != null) {
			form.header("X-Forwarded-For", address);
			submit.header("X-Forwarded-For", address);
		}
		String csrf = Jsoup.parse(send(form).text()).select("input[name=_csrf]").attr("value");
		String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf, StandardCharsets.UTF_8);
		Page answer = send(submit.POST(HttpRequest.BodyPublishers.ofString(body)));
		assertThat(answer.status()).as("sign-in answer").isEqualTo(302);
		return answer.location();
	}

	/**
	 * Posts a form as the browser would from a page of this session, with the session's
	 * CSRF token as read right after signing in.
	 */
	public Page post(String path, Map<String, String> fields) {
		return post(path, this.csrf, fields);
	}

	/** Posts a form with the CSRF token of a page this session showed. */
	public Page post(String path, String csrf, Map<String, String> fields) {
		StringBuilder body = new StringBuilder("_csrf=").append(URLEncoder.encode(csrf, StandardCharsets.UTF_8));
		fields.forEach((name, value) -> body.append('&')
			.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode((value != null) ? value : "", StandardCharsets.UTF_8)));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html,application/xhtml+xml,*/*")
			.header("Accept-Language", "en")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
	}

	/** The value of a cookie this browser holds, such as the session's. */
	public String cookie(String name) {
		return this.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals(name))
			.map(java.net.HttpCookie::getValue)
			.findFirst()
			.orElseThrow();
	}

	/**
	 * A GET as a browser in the given language ({@code en} or {@code zh-CN}) sends it.
	 */
	public Page get(String path, String language) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "text/html,application/xhtml+xml,*/*")
			.header("Accept-Language", language)
			.GET());
	}

	private Page send(HttpRequest.Builder request) {
		try {
			HttpResponse<byte[]> response = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return new Page(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(""),
					response.headers().firstValue("WWW-Authenticate").orElse(null), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** One answer: status, content type, where it redirects, and the body. */
	public record Page(int status, String contentType, String location, String authenticate, byte[] body) {

		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

	}

}
