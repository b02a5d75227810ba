package io.dakehu.shared.config;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * The session store, writing a session's last access time at most once per
 * {@code resolution} rather than on every request.
 * <p>
 * Spring Session's JDBC store marks a session changed whenever its last access time is
 * set, which its filter does on every request, and then updates the session's row. The
 * requests of one browser share that row — the pipeline board loads its eight columns at
 * once — so they queue on its lock and on a commit each, although nothing but the time
 * moved (BENCHMARKS.md, pipeline board). A session lives for hours, so its expiry being a
 * minute early is of no consequence; a changed attribute, a new session id (sign-in) or a
 * new timeout are written at once as before, since only the time is held back.
 * <p>
 * Within a request ({@link #duringRequest}) a session is read from the store once. Spring
 * Session's filter saves the session when the response is committed and again when the
 * request ends; a page larger than the response buffer is committed while it renders, and
 * the second save looks the session up again by the id it forgot at the first — a second
 * query and transaction on every such page.
 */
final class QuietSessionRepository implements FindByIndexNameSessionRepository<QuietSessionRepository.QuietSession> {

	/** The sessions found by id during the current request on this thread. */
	private static final ThreadLocal<Map<String, QuietSession>> FOUND = new ThreadLocal<>();

	private final FindByIndexNameSessionRepository<Session> store;

	private final Duration resolution;

	@SuppressWarnings("unchecked")
	QuietSessionRepository(FindByIndexNameSessionRepository<? extends Session> store, Duration resolution) {
		this.store = (FindByIndexNameSessionRepository<Session>) store;
		this.resolution = resolution;
	}

	@Override
	public QuietSession createSession() {
		return new QuietSession(this.store.createSession(), this.resolution);
	}

	@Override
	public void save(QuietSession session) {
		this.store.save(session.stored);
	}

	@Override
	public QuietSession findById(String id) {
		Map<String, QuietSession> found = FOUND.get();
		QuietSession known = (found != null) ? found.get(id) : null;
		// A session whose id changed (signing in) or that has expired is looked up as
		// before.
		if (known != null && id.equals(known.getId()) && !known.isExpired()) {
			return known;
		}
		Session stored = this.store.findById(id);
		QuietSession session = (stored != null) ? new QuietSession(stored, this.resolution) : null;
		if (found != null && session != null) {
			found.put(id, session);
		}
		return session;
	}

	@Override
	public void deleteById(String id) {
		Map<String, QuietSession> found = FOUND.get();
		if (found != null) {
			found.values().removeIf((session) -> session.getId().equals(id));
			found.remove(id);
		}
		this.store.deleteById(id);
	}

	/**
	 * Remembers the sessions found on this thread until the returned handle is closed:
	 * one request's span.
	 */
	static Request duringRequest() {
		Map<String, QuietSession> outer = FOUND.get();
		FOUND.set(new HashMap<>());
		return () -> {
			if (outer != null) {
				FOUND.set(outer);
			}
			else {
				FOUND.remove();
			}
		};
	}

	/** One request's span of remembered sessions. */
	interface Request extends AutoCloseable {

		@Override
		void close();

	}

	@Override
	public Map<String, QuietSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, QuietSession> found = new LinkedHashMap<>();
		this.store.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, stored) -> found.put(id, new QuietSession(stored, this.resolution)));
		return found;
	}

	/** A stored session whose last access time moves only in steps of the resolution. */
	static final class QuietSession implements Session {

		private final Session stored;

		private final Duration resolution;

		QuietSession(Session stored, Duration resolution) {
			this.stored = stored;
			this.resolution = resolution;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (!lastAccessedTime.isBefore(this.stored.getLastAccessedTime().plus(this.resolution))) {
				this.stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			return this.stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

}
