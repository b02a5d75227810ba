package io.dakehu.shared.config;

import java.io.IOException;
import java.util.List;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.session.MapSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * Spring Session's filter, left out of the requests that need no session: the sign-in
 * page as it is shown, static files and the health endpoint. The session lives in the
 * database, so without this every one of them would look the browser's session up there
 * (Spring MVC asks for flash attributes, the security chain for the signed-in user) and,
 * while the database is out of reach, wait for it — the sign-in page included. Left out,
 * such a request sees the servlet container's own session, which nothing here uses: the
 * sign-in form keeps its CSRF token in a cookie (identity's {@code SignInFormTokens}),
 * and whoever is signed in shows as nobody on these few pages.
 */
final class SessionFreePaths extends SessionRepositoryFilter<MapSession> {

	private static final List<String> PREFIXES = List.of("/webjars/", "/css/", "/js/", "/img/", "/actuator/health/");

	private static final List<String> PATHS = List.of("/login", "/favicon.ico", "/actuator/health");

	private final SessionRepositoryFilter<?> sessions;

	/**
	 * Still a {@link SessionRepositoryFilter} to the application context (Spring Boot
	 * registers the one bean of that type), which hands every request that needs a
	 * session to the filter Spring Session configured. The repository given to the
	 * superclass is never used: this filter does none of the work itself.
	 */
	SessionFreePaths(SessionRepositoryFilter<?> sessions) {
		super(new MapSessionRepository(new ConcurrentHashMap<>()));
		this.sessions = sessions;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (sessionFree(request)) {
			chain.doFilter(request, response);
		}
		else {
			try (QuietSessionRepository.Request remembered = QuietSessionRepository.duringRequest()) {
				this.sessions.doFilter(request, response, chain);
			}
		}
	}

	@Override
	public void destroy() {
		this.sessions.destroy();
	}

	/**
	 * Only reading: the sign-in form posts to {@code /login} through the session store,
	 * which keeps the signed-in session.
	 */
	static boolean sessionFree(HttpServletRequest request) {
		String method = request.getMethod();
		if (!"GET".equals(method) && !"HEAD".equals(method)) {
			return false;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return PATHS.contains(path) || PREFIXES.stream().anyMatch(path::startsWith);
	}

}
