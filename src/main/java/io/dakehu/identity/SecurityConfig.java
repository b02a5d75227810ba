package io.dakehu.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.dakehu.shared.DatabaseOutage;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Two doors: form login with a session for pages, HTTP Basic without a session for
 * {@code /api/**}. Both go through one authentication manager, so failed logins count
 * against the same lockout.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfig {

	/**
	 * New passwords are hashed with bcrypt at the configured cost (10, bcrypt's own
	 * default, unless {@code dakehu.security.password-hash-strength} says otherwise); a
	 * stored hash is checked at the cost written in it, so changing the cost never locks
	 * anyone out, and hashes of the other kinds Spring Security knows still match. The
	 * tests lower the cost: they create hundreds of users, and at cost 10 each hash took
	 * 75 ms of CPU or more.
	 */
	@Bean
	PasswordEncoder passwordEncoder(@Value("${dakehu.security.password-hash-strength:10}") int strength) {
		DelegatingPasswordEncoder encoder = new DelegatingPasswordEncoder("bcrypt",
				Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
		encoder.setDefaultPasswordEncoderForMatches(PasswordEncoderFactories.createDelegatingPasswordEncoder());
		return encoder;
	}

	/**
	 * No observation of each security filter, authentication and authorization decision.
	 * Spring Security wraps every one of its fifteen filters in an observation; switched
	 * off by a predicate the wrappers stayed and still cost about a tenth of the CPU an
	 * API request takes (a flight recording of the account list under load). Request
	 * timings ({@code http.server.requests}) stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	@Bean
	StrictHttpFirewall httpFirewall() {
		return HeaderCharacters.firewall();
	}

	@Bean
	AuthenticationManager authenticationManager(CachingPasswordAuthentication provider,
			AuthenticationEventPublisher events) {
		ProviderManager manager = new ProviderManager(provider);
		manager.setAuthenticationEventPublisher(events);
		return manager;
	}

	@Bean
	@Order(1)
	SecurityFilterChain api(HttpSecurity http, AuthenticationManager authenticationManager, SignInStates states,
			AccessTokenAuthentication tokens) throws Exception {
		AuthenticationEntryPoint unauthorized = failFast(
				(request, response, ex) -> problem(response, HttpStatus.UNAUTHORIZED, "Authentication required", true));
		http.securityMatcher("/api/**")
			.authenticationManager(authenticationManager)
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.httpBasic((basic) -> basic.authenticationEntryPoint(unauthorized))
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(
						(request, response, ex) -> problem(response, HttpStatus.FORBIDDEN, "Not allowed", false)))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.addFilterBefore(new CurrentRights(states), AnonymousAuthenticationFilter.class)
			// Personal access tokens (decision 0026), beside HTTP Basic for people.
			.addFilterBefore(tokens.filter(), BasicAuthenticationFilter.class)
			// No CSRF token on the API: its clients are programs. A browser, though, may
			// hold HTTP Basic credentials or a session for this site and be made to send
			// them from another one; it names that site in Origin. An empty CORS
			// configuration allows no other origin, so such a request is refused (403)
			// while programs, which send no Origin, and this site's own pages pass.
			.cors((cors) -> cors.configurationSource((request) -> new CorsConfiguration()))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain pages(HttpSecurity http, AuthenticationManager authenticationManager, SignInStates states,
			@Value("${dakehu.security.metrics-users:}") Set<String> metricsUsers) throws Exception {
		http.authenticationManager(authenticationManager)
			.addFilterBefore(new CurrentRights(states), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests
				.requestMatchers("/login", "/webjars/**", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error",
						"/actuator/health/**")
				.permitAll()
				// A calendar app fetches the personal feed without signing in: the
				// secret in its link is the credential (decision 0024).
				.requestMatchers("/feeds/calendar/*")
				.permitAll()
				// A monitoring account (a Prometheus scraper's) reads the metrics and
				// nothing else an administrator may; it is an ordinary user otherwise.
				.requestMatchers("/actuator/prometheus", "/actuator/metrics/**")
				.access((authentication,
						context) -> new AuthorizationDecision(metricsReader(authentication.get(), metricsUsers)))
				// Metrics and the API's description tell how the system is built and
				// used: administrators only (a Prometheus scraper signs in with HTTP
				// Basic).
				.requestMatchers("/actuator/**", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**",
						"/swagger-ui.html")
				.hasRole("ADMIN")
				.requestMatchers("/admin/**")
				.hasRole("ADMIN")
				.anyRequest()
				.authenticated())
			.formLogin((form) -> form.loginPage("/login")
				.defaultSuccessUrl("/", false)
				.failureHandler((request, response, ex) -> {
					if (DatabaseOutage.causedBy(ex)) {
						throw ex;
					}
					response.sendRedirect(request.getContextPath() + "/login?error="
							+ ((ex instanceof org.springframework.security.authentication.LockedException) ? "locked"
									: "bad"));
				}))
			.csrf((csrf) -> csrf.csrfTokenRepository(new SignInFormTokens()))
			.requestCache((cache) -> cache.requestCache(pagesToReturnTo()))
			.logout((logout) -> logout.logoutSuccessUrl("/login?logout"))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(
					"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
							+ "object-src 'none'; frame-ancestors 'none'")))
			.httpBasic((basic) -> basic.authenticationEntryPoint(failFast(basicChallenge())));
		return http.build();
	}

	/**
	 * Where the sign-in form returns to: the page the browser asked for when it was sent
	 * to sign in, if it was a page, that is a request asking for HTML and not made by
	 * htmx. A part of a page is no place to land: a badge htmx asked for just after
	 * signing out showed its bare number after the next sign-in, and a chart's data the
	 * dashboard fetched as the session ended showed as raw JSON.
	 */
	private static RequestCache pagesToReturnTo() {
		HttpSessionRequestCache cache = new HttpSessionRequestCache();
		cache
			.setRequestMatcher((request) -> "GET".equals(request.getMethod()) && request.getHeader("HX-Request") == null
					&& !"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))
					&& String.valueOf(request.getHeader("Accept")).contains("text/html"));
		return cache;
	}

	/**
	 * A sign-in that failed because the database is out of reach is no wrong password:
	 * the failure goes on to {@code shared.web.DatabaseUnavailable}, which answers 503.
	 */
	private static AuthenticationEntryPoint failFast(AuthenticationEntryPoint entryPoint) {
		return (request, response, ex) -> {
			if (DatabaseOutage.causedBy(ex)) {
				throw ex;
			}
			entryPoint.commence(request, response, ex);
		};
	}

	private static BasicAuthenticationEntryPoint basicChallenge() {
		BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
		challenge.setRealmName("Dakehu");
		return challenge;
	}

	private static boolean metricsReader(Authentication authentication, Set<String> metricsUsers) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)
				&& (metricsUsers.contains(authentication.getName()) || authentication.getAuthorities()
					.stream()
					.anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority())));
	}

	private static void problem(HttpServletResponse response, HttpStatus status, String title, boolean challenge)
			throws IOException {
		response.setStatus(status.value());
		if (challenge) {
			response.setHeader("WWW-Authenticate", "Basic realm=\"Dakehu\"");
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter()
			.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status.value() + "}");
	}

}
