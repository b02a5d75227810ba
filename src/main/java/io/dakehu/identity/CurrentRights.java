package io.dakehu.identity;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Re-reads the signed-in user's role and standing on every request, from
 * {@link SignInStates}, so a session never works on the rights it had when it signed in:
 * a deactivated or deleted user's session is ended and the request goes on anonymous (to
 * the login page, or 401 on the API), and a changed role replaces the authorities for
 * this request. The session's stored copy is left as it is: nothing is written per
 * request.
 */
class CurrentRights extends OncePerRequestFilter {

	private final SignInStates states;

	private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();

	CurrentRights(SignInStates states) {
		this.states = states;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = this.holder.getContext().getAuthentication();
		if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			Optional<SignInState> state = this.states.of(authentication.getName());
			if (state.isEmpty() || !state.get().active()) {
				this.holder.clearContext();
				HttpSession session = request.getSession(false);
				if (session != null) {
					session.invalidate();
				}
			}
			else if (!roles(authentication.getAuthorities()).equals(roles(state.get().authorities()))) {
				List<GrantedAuthority> authorities = new ArrayList<>(state.get().authorities());
				authentication.getAuthorities()
					.stream()
					.filter((authority) -> !isRole(authority))
					.forEach(authorities::add);
				UsernamePasswordAuthenticationToken current = UsernamePasswordAuthenticationToken
					.authenticated(authentication.getPrincipal(), null, authorities);
				current.setDetails(authentication.getDetails());
				SecurityContext context = this.holder.createEmptyContext();
				context.setAuthentication(current);
				this.holder.setContext(context);
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * Only roles are compared: other authorities (such as how the user signed in) stay.
	 */
	private static Set<String> roles(Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream()
			.filter(CurrentRights::isRole)
			.map(GrantedAuthority::getAuthority)
			.collect(Collectors.toSet());
	}

	private static boolean isRole(GrantedAuthority authority) {
		return authority.getAuthority() != null && authority.getAuthority().startsWith("ROLE_");
	}

}
