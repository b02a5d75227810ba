package io.dakehu.shared.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's controller lookup, asked only of the mappings an address can match by its
 * literal start. For an address with a variable in it (an account's page, each of the
 * sections that page loads, an account over the API) Spring MVC tries every mapping of
 * the application in turn, some 450, each checking the method, the parameters and the
 * pattern against the request: a tenth of the CPU of a lean page (BENCHMARKS.md, "Finding
 * the controller"). Every pattern's literal start ({@code /accounts/} of
 * {@code /accounts/{id}/history/section}) must begin any address it matches, so a mapping
 * none of whose patterns starts the address is passed over before Spring MVC's checks;
 * Spring MVC still chooses among the others as before, and still answers 405 or 415 from
 * all the mappings when none matches. An address with escapes or matrix parameters, which
 * Spring MVC decodes before matching, is looked up the framework's way.
 */
@Component
class HandlerLookup implements WebMvcRegistrations {

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new LiteralStartMapping();
	}

	/**
	 * The literal start of a pattern: up to the last {@code /} before its first variable
	 * or wildcard.
	 */
	static String literalStart(String pattern) {
		for (int i = 0; i < pattern.length(); i++) {
			char c = pattern.charAt(i);
			if (c == '{' || c == '*' || c == '?') {
				return pattern.substring(0, pattern.lastIndexOf('/', i) + 1);
			}
		}
		return pattern;
	}

	/**
	 * The literal starts of a mapping's patterns; one empty start when it has none to go
	 * by.
	 */
	static List<String> literalStarts(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null || condition.getPatterns().isEmpty()) {
			return List.of("");
		}
		List<String> starts = new ArrayList<>();
		for (PathPattern pattern : condition.getPatterns()) {
			starts.add(literalStart(pattern.getPatternString()));
		}
		return starts;
	}

	static boolean mayMatch(String path, List<String> starts) {
		for (String start : starts) {
			if (path.startsWith(start)) {
				return true;
			}
		}
		return false;
	}

	static final class LiteralStartMapping extends RequestMappingHandlerMapping {

		/**
		 * The address being looked up in this thread, when it may be compared as it is.
		 */
		private static final ThreadLocal<String> LOOKUP = new ThreadLocal<>();

		private final Map<RequestMappingInfo, List<String>> starts = new ConcurrentHashMap<>();

		@Override
		protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
			boolean plain = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
			LOOKUP.set(plain ? lookupPath : null);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				LOOKUP.remove();
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = LOOKUP.get();
			if (path != null && !mayMatch(path, this.starts.computeIfAbsent(info, HandlerLookup::literalStarts))) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

	}

}
