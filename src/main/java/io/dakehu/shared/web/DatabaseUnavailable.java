package io.dakehu.shared.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.dakehu.shared.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.servlet.filter.OrderedFilter;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

/**
 * While the database is out of reach, every request that needs it answers 503 as soon as
 * the pool gives up waiting for a connection ({@code spring.datasource.hikari
 * .connection-timeout}): the API with a problem detail in the caller's language, a page
 * with a short page of its own that asks to try again. It runs first, before the session
 * store, the security chain and the controllers, so a failure in any of them is caught;
 * the page is drawn without the layout, which would ask for the signed-in user and the
 * session's CSRF token, both in the database.
 */
@Component
class DatabaseUnavailable extends OncePerRequestFilter implements OrderedFilter {

	/**
	 * Before Spring Session's filter ({@code Integer.MIN_VALUE + 50}), after encoding.
	 */
	static final int ORDER = Integer.MIN_VALUE + 10;

	/** How soon a client may try again, in seconds. */
	private static final String RETRY_AFTER = "5";

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailable.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MessageSource messages;

	private final LocaleResolver locales;

	private final SpringTemplateEngine templates;

	DatabaseUnavailable(MessageSource messages, LocaleResolver locales, SpringTemplateEngine templates) {
		this.messages = messages;
		this.locales = locales;
		this.templates = templates;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException ex) {
			if (!DatabaseOutage.causedBy(ex) || response.isCommitted()) {
				throw ex;
			}
			log.warn("The database is out of reach: {} {} answered 503", request.getMethod(), request.getRequestURI());
			answer(request, response);
		}
	}

	private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
		Locale locale = this.locales.resolveLocale(request);
		String title = this.messages.getMessage("error.unavailable.title", null, locale);
		String detail = this.messages.getMessage("error.unavailable", null, locale);
		response.reset();
		response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		response.setHeader("Retry-After", RETRY_AFTER);
		response.setHeader("Cache-Control", "no-store");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (wantsProblem(request)) {
			// The fields of RFC 9457, as ApiErrors writes them through Spring MVC.
			Map<String, Object> problem = new LinkedHashMap<>();
			problem.put("type", "about:blank");
			problem.put("title", title);
			problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
			problem.put("detail", detail);
			problem.put("instance", request.getRequestURI());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			JSON.writeValue(response.getOutputStream(), problem);
			return;
		}
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, response), locale);
		context.setVariable("title", title);
		context.setVariable("detail", detail);
		this.templates.process("error/503", context, response.getWriter());
	}

	/** The API and anything asking for JSON get a problem detail; pages get a page. */
	private static boolean wantsProblem(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String accept = request.getHeader("Accept");
		return path.startsWith("/api/") || (accept != null && accept.contains("json") && !accept.contains("html"));
	}

}
