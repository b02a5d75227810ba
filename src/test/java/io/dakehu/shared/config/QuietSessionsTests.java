package io.dakehu.shared.config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.MapSessionRepository;
import org.springframework.session.Session;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A signed-in browser's requests leave the session's row alone while only the access time
 * would change, and the session still carries what a request puts in it, whatever other
 * requests put in it at the same time.
 */
abstract class QuietSessionsTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	FindByIndexNameSessionRepository<? extends Session> sessions;

	@Test
	void pagesOpenedAtOnceRightAfterSigningInAllOpenAndTheirFormsAreAccepted() throws Exception {
		String kam = this.given.kam();
		SignedIn browser = SignedIn.signInOnly(this.port, kam, Api.USER_PASSWORD);
		// A thread per tab, so the four pages are asked for at once on any machine.
		ExecutorService browserTabs = Executors.newFixedThreadPool(4);
		List<Future<SignedIn.Page>> tabs = new ArrayList<>();
		try {
			CountDownLatch start = new CountDownLatch(1);
			for (int i = 0; i < 4; i++) {
				tabs.add(browserTabs.submit(() -> {
					start.await();
					return browser.get("/accounts", "en");
				}));
			}
			start.countDown();
		}
		finally {
			browserTabs.shutdown();
		}

		for (Future<SignedIn.Page> tab : tabs) {
			SignedIn.Page page = tab.get();
			assertThat(page.status()).as("a tab opened at once").isEqualTo(200);
			// Each tab's form goes out with the token its page carries.
			String token = Jsoup.parse(page.text()).select("meta[name=_csrf]").attr("content");
			SignedIn.Page saved = browser.post("/accounts", token, Map.of("name", Fixtures.unique("Tab")));
			assertThat(saved.status()).as("a form of a tab opened at once").isEqualTo(302);
		}
	}

	@Test
	<S extends Session> void anAttributeTwoRequestsAddAtOnceIsStoredAndTheLaterValueKept() {
		@SuppressWarnings("unchecked")
		FindByIndexNameSessionRepository<S> store = (FindByIndexNameSessionRepository<S>) this.sessions;
		S created = store.createSession();
		store.save(created);
		// Two requests read the session before either adds the attribute.
		S first = store.findById(created.getId());
		S second = store.findById(created.getId());
		first.setAttribute("dakehu.test", "first");
		second.setAttribute("dakehu.test", "second");

		store.save(first);
		store.save(second);

		assertThat(store.findById(created.getId()).<String>getAttribute("dakehu.test")).isEqualTo("second");
		store.deleteById(created.getId());
	}

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
		// written at once all the same, and read by the next request.
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

	@Test
	void aRequestReadsItsSessionFromTheStoreOnce() {
		CountingStore store = new CountingStore();
		MapSession stored = new MapSession();
		store.save(stored);
		QuietSessionRepository sessions = new QuietSessionRepository(store, Duration.ofMinutes(1));

		try (QuietSessionRepository.Request request = QuietSessionRepository.duringRequest()) {
			QuietSessionRepository.QuietSession first = sessions.findById(stored.getId());
			// Spring Session's filter looks the session up again after saving it when
			// the response was committed before the request ended.
			sessions.save(first);
			assertThat(sessions.findById(stored.getId())).isSameAs(first);
			assertThat(store.reads).isEqualTo(1);
			sessions.deleteById(stored.getId());
			assertThat(sessions.findById(stored.getId())).isNull();
			assertThat(store.reads).isEqualTo(2);
		}
		store.save(stored);
		sessions.findById(stored.getId());
		sessions.findById(stored.getId());
		assertThat(store.reads).isEqualTo(4);
	}

	/** Sessions in memory, counting the look-ups by id. */
	private static final class CountingStore implements FindByIndexNameSessionRepository<MapSession> {

		private final MapSessionRepository sessions = new MapSessionRepository(new HashMap<>());

		int reads;

		@Override
		public MapSession createSession() {
			return this.sessions.createSession();
		}

		@Override
		public void save(MapSession session) {
			this.sessions.save(session);
		}

		@Override
		public MapSession findById(String id) {
			this.reads++;
			return this.sessions.findById(id);
		}

		@Override
		public void deleteById(String id) {
			this.sessions.deleteById(id);
		}

		@Override
		public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Map.of();
		}

	}

	private long lastAccess(String username) {
		return this.jdbc.sql("select last_access_time from spring_session where principal_name = :name")
			.param("name", username)
			.query(Long.class)
			.single();
	}

}
