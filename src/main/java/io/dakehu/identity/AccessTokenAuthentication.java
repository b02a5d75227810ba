package io.dakehu.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFilter;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;

/**
 * {@code Authorization: Bearer <token>} on the API (decision 0026). Spring Security's
 * generic {@link AuthenticationFilter} does the work with a converter for the header and
 * a manager that looks the token up, so no OAuth2 resource server is needed for opaque
 * tokens of our own. The token's user is read from {@link SignInStates} on every call,
 * exactly like a session's: a deactivated user's token is refused, a changed role applies
 * at once. No session is created; a token found is remembered for a few seconds
 * ({@link AccessTokens}, decision 0055).
 */
@Component
class AccessTokenAuthentication {

	/**
	 * Marks a request authenticated by a token rather than a password (kept by
	 * {@link CurrentRights}, which replaces only roles), so token management can refuse a
	 * token minting tokens.
	 */
	static final String VIA_TOKEN = "AUTH_TOKEN";

	private static final String SCHEME = "Bearer";

	private final AccessTokens tokens;

	private final SignInStates states;

	AccessTokenAuthentication(AccessTokens tokens, SignInStates states) {
		this.tokens = tokens;
		this.states = states;
	}

	/**
	 * A new filter for a security chain: requests without a bearer token pass untouched,
	 * a valid token signs its user in for this request, any other token answers 401.
	 */
	AuthenticationFilter filter() {
		WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();
		AuthenticationFilter filter = new AuthenticationFilter(this::authenticate, (request) -> {
			String secret = secretOf(request);
			if (secret == null) {
				return null;
			}
			Presented presented = new Presented(secret);
			presented.setDetails(details.buildDetails(request));
			return presented;
		});
		filter.setSuccessHandler((request, response, authentication) -> {
		});
		filter.setFailureHandler((request, response, ex) -> unauthorized(response));
		filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
		return filter;
	}

	/** Answers 401 to a bearer token where none is accepted, or a token refused. */
	static AuthenticationEntryPoint entryPoint() {
		return (request, response, ex) -> unauthorized(response);
	}

	static boolean hasToken(HttpServletRequest request) {
		return secretOf(request) != null;
	}

	private Authentication authenticate(Authentication presented) {
		String username = this.tokens.usernameOf((String) presented.getCredentials())
			.orElseThrow(() -> new BadCredentialsException("Unknown, expired or revoked token"));
		SignInState user = this.states.of(username)
			.filter(SignInState::active)
			.orElseThrow(() -> new BadCredentialsException("The token's user may not sign in"));
		List<GrantedAuthority> authorities = new ArrayList<>(user.authorities());
		authorities.add(new SimpleGrantedAuthority(VIA_TOKEN));
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(user.username(),
				null, authorities);
		result.setDetails(presented.getDetails());
		return result;
	}

	private static String secretOf(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
				|| (header.length() > SCHEME.length() && header.charAt(SCHEME.length()) != ' ')) {
			return null;
		}
		// "Bearer" with nothing after it is a bearer request too, refused as such.
		return header.substring(SCHEME.length()).strip();
	}

	private static void unauthorized(HttpServletResponse response) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Invalid or expired token\",\"status\":401}");
	}

	/** A presented secret, before it is checked. */
	private static final class Presented extends AbstractAuthenticationToken {

		private final String secret;

		Presented(String secret) {
			super(AuthorityUtils.NO_AUTHORITIES);
			this.secret = secret;
		}

		@Override
		public Object getCredentials() {
			return this.secret;
		}

		@Override
		public Object getPrincipal() {
			return null;
		}

	}

}
