package io.dakehu.identity.web;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the signed-in user ({@code me}) into every rendered page for the layout's
 * navigation. Done after the handler and only when a view is rendered, so API calls and
 * redirects pay nothing for it.
 */
@Configuration(proxyBeanMethods = false)
class SignedInUserInterceptor implements HandlerInterceptor, WebMvcConfigurer {

	private final Users users;

	SignedInUserInterceptor(Users users) {
		this.users = users;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).excludePathPatterns("/api/**", "/webjars/**", "/css/**", "/js/**");
	}

	@Override
	public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
			ModelAndView view) {
		if (view == null || (view.getViewName() != null && view.getViewName().startsWith("redirect:"))) {
			return;
		}
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken
				|| !authentication.isAuthenticated()) {
			return;
		}
		CurrentUser current = this.users.current();
		view.addObject("me", new Me(current.username(), current.displayName(), current.role().name(), current.isAdmin(),
				current.managesOthers()));
	}

	record Me(String username, String displayName, String role, boolean admin, boolean manager) {
	}

}
