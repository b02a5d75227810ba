package io.dakehu.shared.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.MapSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in browser's requests leave the session's row alone while only the access time
 * would change, and the session still carries what a request puts in it.
 */
abstract class QuietSessionsTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Test
	void requestsWithinAMinuteDoNotRewriteTheSessionRow() {
		String kam = this.given.kam();
		SignedIn session = SignedIn.as(this.port, kam, Api.USER_PASSWORD);
		long signedInAt = lastAccess(kam);

		for (int i = 0; i < 5; i++) {
			assertThat(session.get("/accounts", "en").status()).isEqualTo(200);
		}

		assertThat(lastAccess(kam)).isEqualTo(signedInAt);
		// What a request stores in the session (here the flash message of a save) is
		// written
		// at once all the same, and read by the next request.
		SignedIn.Page saved = session.post("/accounts", Map.of("name", Fixtures.unique("Quiet session")));
		assertThat(saved.status()).isEqualTo(302);
		assertThat(session.get(saved.location().replaceFirst("^https?://[^/]+", ""), "en").text()).contains("Saved.");
	}

	@Test
	void theAccessTimeMovesOnceTheResolutionHasPassed() {
		Instant created = Instant.parse("2026-12-02T08:00:00Z");
		MapSession stored = new MapSession();
		stored.setLastAccessedTime(created);
		QuietSessionRepository.QuietSession session = new QuietSessionRepository.QuietSession(stored,
				Duration.ofMinutes(1));

		session.setLastAccessedTime(created.plusSeconds(59));
		assertThat(stored.getLastAccessedTime()).isEqualTo(created);

		session.setLastAccessedTime(created.plusSeconds(60));
		assertThat(stored.getLastAccessedTime()).isEqualTo(created.plusSeconds(60));
	}

	private long lastAccess(String username) {
		return this.jdbc.sql("select last_access_time from spring_session where principal_name = :name")
			.param("name", username)
			.query(Long.class)
			.single();
	}

}
