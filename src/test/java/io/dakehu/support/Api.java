package io.dakehu.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real HTTP client for the API with HTTP Basic, as an integration or a script would
 * call it. Answers are never thrown: tests look at status and body themselves.
 */
public final class Api {

	/** Set for the first administrator in {@code application-test.properties}. */
	public static final String ADMIN = "admin";

	public static final String ADMIN_PASSWORD = "Admin-Test-Pass-1";

	/** Every user the fixtures create gets this password. */
	public static final String USER_PASSWORD = "Secret-Pass-1";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String base;

	public Api(int port) {
		this.base = "http://localhost:" + port;
	}

	public Response get(String user, String path) {
		return send(user, passwordOf(user), "GET", path, null);
	}

	public Response post(String user, String path, Object body) {
		return send(user, passwordOf(user), "POST", path, body);
	}

	public Response put(String user, String path, Object body) {
		return send(user, passwordOf(user), "PUT", path, body);
	}

	/**
	 * The version of the record at the path as the user reads it now, for a change that
	 * must carry the version it was made on.
	 */
	public int version(String user, String path) {
		return get(user, path).expect(200).version();
	}

	public Response delete(String user, String path) {
		return send(user, passwordOf(user), "DELETE", path, null);
	}

	/**
	 * Sends a request; a {@code String} body goes out as it is (for malformed JSON), any
	 * other body as JSON.
	 */
	public Response send(String user, String password, String method, String path, Object body) {
		return send(user, password, method, path, body, "application/json, application/problem+json");
	}

	/**
	 * Sends a request as if from another client address: the application honours
	 * {@code X-Forwarded-For} from a proxy on this machine, as it would behind a load
	 * balancer.
	 */
	public Response sendFrom(String address, String user, String password, String method, String path) {
		return send(user, password, method, path, null, "application/json, application/problem+json", address);
	}

	/**
	 * Gets a page as a browser asks for it, so errors come back as the application's
	 * error pages rather than problem details.
	 */
	public Response page(String user, String path) {
		return send(user, passwordOf(user), "GET", path, null, "text/html");
	}

	private Response send(String user, String password, String method, String path, Object body, String accept) {
		return send(user, password, method, path, body, accept, null);
	}

	private Response send(String user, String password, String method, String path, Object body, String accept,
			String forwardedFor) {
		// A bound against a hung server, not a speed check: the first /v3/api-docs of a
		// context (springdoc reads every controller) took over 30 s on a loaded two-core
		// run.
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + encode(path)))
			.timeout(Duration.ofSeconds(90))
			.header("Accept", accept)
			.header("Accept-Language", "en");
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		if (user != null) {
			String credentials = user + ":" + password;
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers
					.ofString((body instanceof String raw) ? raw : JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			String text = response.body();
			JsonNode json = (text == null || text.isBlank()) ? null : parse(text);
			return new Response(method + " " + path, response.statusCode(), json, text,
					response.headers().firstValue("Location"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(method + " " + path, ex);
		}
	}

	/**
	 * Percent-encodes what may not stand in a URI (spaces, angle brackets, Chinese), so
	 * tests can write queries as plain text.
	 */
	private static String encode(String path) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (b & 0xff);
			if (c < 128 && (Character.isLetterOrDigit(c) || "-._~:/?#@!$&'()*,;=%".indexOf(c) >= 0)) {
				encoded.append(c);
			}
			else {
				encoded.append('%').append(String.format("%02X", b & 0xff));
			}
		}
		return encoded.toString();
	}

	private static JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String passwordOf(String user) {
		return ADMIN.equals(user) ? ADMIN_PASSWORD : USER_PASSWORD;
	}

	/**
	 * A JSON object in the given key order; unlike {@link Map#of} it allows null values.
	 */
	public static Map<String, Object> json(Object... keysAndValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	/**
	 * One answer: status, parsed JSON body (null when empty) and the raw text.
	 */
	public record Response(String request, int status, JsonNode body, String text, Optional<String> location) {

		/** Asserts the status, showing the body when it differs. */
		public Response expect(int expected) {
			assertThat(this.status).as("%s answered %s", this.request, this.text).isEqualTo(expected);
			return this;
		}

		public String text(String field) {
			JsonNode node = (this.body != null) ? this.body.get(field) : null;
			return (node == null || node.isNull()) ? null : node.asString();
		}

		public long id() {
			return this.body.get("id").asLong();
		}

		public int version() {
			return this.body.get("version").asInt();
		}

		/** The {@code field} of every entry in a problem detail's {@code errors}. */
		public List<String> errorFields() {
			List<String> fields = new ArrayList<>();
			JsonNode errors = (this.body != null) ? this.body.get("errors") : null;
			if (errors != null) {
				for (int i = 0; i < errors.size(); i++) {
					fields.add(errors.get(i).get("field").asString());
				}
			}
			return fields;
		}

		/** The elements of a JSON array body, or of the {@code content} of a page. */
		public List<JsonNode> items() {
			JsonNode array = (this.body != null && this.body.isObject()) ? this.body.get("content") : this.body;
			List<JsonNode> items = new ArrayList<>();
			for (int i = 0; i < array.size(); i++) {
				items.add(array.get(i));
			}
			return items;
		}

		public List<Long> ids() {
			return items().stream().map((item) -> item.get("id").asLong()).toList();
		}

		public List<String> names() {
			return items().stream().map((item) -> item.get("name").asString()).toList();
		}

		public long totalElements() {
			return this.body.get("totalElements").asLong();
		}

	}

}
