package io.dakehu.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Tokens are for the API only (decision 0026): a request to any other path that carries a
 * bearer token is answered 401, before the pages' chain could send it to the login form
 * and open a session to remember where it was going.
 */
@Configuration(proxyBeanMethods = false)
class AccessTokenSecurity {

	@Bean
	@Order(0)
	SecurityFilterChain bearerTokensOutsideTheApi(HttpSecurity http) throws Exception {
		RequestMatcher api = PathPatternRequestMatcher.withDefaults().matcher("/api/**");
		http.securityMatcher((request) -> AccessTokenAuthentication.hasToken(request) && !api.matches(request))
			.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll())
			.exceptionHandling((handling) -> handling.authenticationEntryPoint(AccessTokenAuthentication.entryPoint()))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

}
