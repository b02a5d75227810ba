package io.dakehu.shared.config;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A page links every static file by a versioned address, which the browser may keep for a
 * year without asking again; the page itself is never stored. One database is enough: no
 * file comes from it.
 */
@H2IntegrationTest
class StaticResourcesH2Tests extends ApiTestSupport {

	private static final Pattern LINK = Pattern.compile("(?:href|src)=\"(/(?:css|js|img|webjars)/[^\"]+)\"");

	@LocalServerPort
	int port;

	@Test
	void staticFilesAreLinkedByVersionAndKeptForAYearWhilePagesAreNeverStored() throws Exception {
		HttpResponse<String> login = get("/login");
		assertThat(login.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));

		List<String> links = new ArrayList<>();
		Matcher matcher = LINK.matcher(login.body());
		while (matcher.find()) {
			links.add(matcher.group(1));
		}
		// Our own files carry a hash of their content, the WebJars their version.
		assertThat(links).anyMatch((link) -> link.matches("/css/app-[0-9a-f]{32}\\.css"))
			.anyMatch((link) -> link.matches("/js/app-[0-9a-f]{32}\\.js"))
			.anyMatch((link) -> link.matches("/webjars/bootstrap/\\d+\\.\\d+\\.\\d+/css/bootstrap\\.min\\.css"))
			.noneMatch((link) -> link.equals("/css/app.css") || link.equals("/js/app.js"));
		for (String link : links) {
			HttpResponse<String> file = get(link);
			assertThat(file.statusCode()).as(link).isEqualTo(200);
			assertThat(file.headers().firstValue("Cache-Control")).as(link)
				.hasValueSatisfying((value) -> assertThat(value).contains("max-age=31536000")
					.contains("immutable")
					.doesNotContain("no-store"));
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Accept", "*/*")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

}
