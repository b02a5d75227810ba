package io.dakehu.shared.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's controller lookup, asked only of the mappings an address can match by the
 * shape of their patterns. For an address with a variable in it (an account's page, each
 * of the sections that page loads, an account over the API) Spring MVC tries every
 * mapping of the application in turn, some 450, each checking the method, the parameters
 * and the pattern against the request: a tenth of the CPU of a lean page (BENCHMARKS.md,
 * "Finding the controller"). A pattern of literal segments and whole-segment variables
 * ({@code /accounts/{id}/history/section}) matches only addresses of as many segments
 * with the same literal ones; any other pattern only addresses that begin with its
 * literal start. A mapping none of whose patterns fits the address is passed over before
 * Spring MVC's checks; Spring MVC still chooses among the others as before, and still
 * answers 405 or 415 from all the mappings when none matches. An address with escapes or
 * matrix parameters, which Spring MVC decodes before matching, is looked up the
 * framework's way.
 */
@Component
class HandlerLookup implements WebMvcRegistrations {

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new ShapedMapping();
	}

	/**
	 * What every address a pattern matches has: its segments, a literal or null for a
	 * whole-segment variable; or, for a pattern with wildcards or partial variables, only
	 * its literal start (up to the last {@code /} before the first variable or wildcard).
	 */
	record Shape(String[] segments, String start) {

		static Shape of(String pattern) {
			String[] segments = StringUtils.delimitedListToStringArray(pattern, "/");
			for (int i = 0; i < segments.length; i++) {
				String segment = segments[i];
				boolean variable = segment.startsWith("{") && segment.endsWith("}") && !segment.startsWith("{*")
						&& segment.indexOf('}') == segment.length() - 1;
				if (variable) {
					segments[i] = null;
				}
				else if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
					return new Shape(null, literalStart(pattern));
				}
			}
			return new Shape(segments, null);
		}

		boolean fits(String path, String[] pathSegments) {
			if (this.segments == null) {
				return path.startsWith(this.start);
			}
			if (this.segments.length != pathSegments.length) {
				return false;
			}
			for (int i = 0; i < this.segments.length; i++) {
				if (this.segments[i] != null && !this.segments[i].equals(pathSegments[i])) {
					return false;
				}
			}
			return true;
		}

	}

	/**
	 * A pattern's literal start: up to the last {@code /} before its first variable or
	 * wildcard.
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

	/** The shapes of a mapping's patterns; null when it has no path to go by. */
	static List<Shape> shapes(RequestMappingInfo info) {
		PathPatternsRequestCondition condition = info.getPathPatternsCondition();
		if (condition == null || condition.getPatterns().isEmpty()) {
			return null;
		}
		List<Shape> shapes = new ArrayList<>();
		for (PathPattern pattern : condition.getPatterns()) {
			if (pattern.getPatternString().isEmpty()) {
				// A mapping without a path of its own: the framework decides what it
				// matches.
				return null;
			}
			shapes.add(Shape.of(pattern.getPatternString()));
		}
		return shapes;
	}

	/**
	 * Whether a mapping of these shapes may match the address (always, without shapes).
	 */
	static boolean mayMatch(String path, String[] pathSegments, List<Shape> shapes) {
		if (shapes == null) {
			return true;
		}
		for (Shape shape : shapes) {
			if (shape.fits(path, pathSegments)) {
				return true;
			}
		}
		return false;
	}

	static String[] segments(String path) {
		return StringUtils.delimitedListToStringArray(path, "/");
	}

	static final class ShapedMapping extends RequestMappingHandlerMapping {

		/**
		 * The address being looked up in this thread and its segments, when it may be
		 * compared as it is.
		 */
		private static final ThreadLocal<Object[]> LOOKUP = new ThreadLocal<>();

		/** Filled while the mappings are registered, at start-up; read only after. */
		private final Map<RequestMappingInfo, List<Shape>> shapes = new IdentityHashMap<>();

		@Override
		protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
			super.registerHandlerMethod(handler, method, mapping);
			this.shapes.put(mapping, shapes(mapping));
		}

		@Override
		protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
			boolean plain = lookupPath.indexOf('%') < 0 && lookupPath.indexOf(';') < 0;
			LOOKUP.set(plain ? new Object[] { lookupPath, segments(lookupPath) } : null);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				LOOKUP.remove();
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			Object[] lookup = LOOKUP.get();
			if (lookup != null) {
				// A mapping registered after start-up is shaped on the spot.
				List<Shape> known = this.shapes.get(info);
				if (known == null && !this.shapes.containsKey(info)) {
					known = shapes(info);
				}
				if (!mayMatch((String) lookup[0], (String[]) lookup[1], known)) {
					return null;
				}
			}
			return super.getMatchingMapping(info, request);
		}

	}

}
