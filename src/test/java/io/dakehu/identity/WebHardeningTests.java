package io.dakehu.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations endpoints for administrators only, health for everyone; behind a TLS proxy
 * the session cookie is Secure and HSTS is sent, and not when the client used plain HTTP.
 */
abstract class WebHardeningTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Test
	void metricsAndTheApiDescriptionAreForAdministratorsHealthForEveryone() throws Exception {
		String kam = this.given.kam();
		for (String path : List.of("/actuator/prometheus", "/actuator/info", "/v3/api-docs", "/swagger-ui.html")) {
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

	private HttpResponse<String> plain(String path, String forwardedProto) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "*/*");
		if (forwardedProto != null) {
			request.header("X-Forwarded-Proto", forwardedProto).header("X-Forwarded-For", "203.0.113.9");
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
