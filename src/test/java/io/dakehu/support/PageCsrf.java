package io.dakehu.support;

import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.support.WebTestUtils;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A valid CSRF token for a form posted through MockMvc, that leaves every other request
 * to the application's own token store.
 * <p>
 * Spring Security's own {@code csrf()} post-processor for MockMvc is not used: it
 * replaces the store inside the application's CSRF filter with a session-only one, and
 * that filter also serves the real port the other tests of the shared context use. After
 * one such post, the sign-in page kept its token in the session instead of its cookie
 * (identity's {@code SignInFormTokens}), so every later sign-in through the form answered
 * 403 — in whichever test class happened to come next. Here the filter's store is wrapped
 * once: a request marked by this post-processor gets the token it carries, any other
 * request goes to the original store unchanged.
 */
public final class PageCsrf {

	private static final String TOKEN = PageCsrf.class.getName() + ".TOKEN";

	private PageCsrf() {
	}

	public static RequestPostProcessor csrf() {
		return PageCsrf::withToken;
	}

	private static MockHttpServletRequest withToken(MockHttpServletRequest request) {
		CsrfTokenRepository store = WebTestUtils.getCsrfTokenRepository(request);
		if (!(store instanceof MarkedRequests)) {
			WebTestUtils.setCsrfTokenRepository(request, new MarkedRequests(store));
		}
		CsrfToken token = new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", UUID.randomUUID().toString());
		request.setAttribute(TOKEN, token);
		// The form carries the token masked, as the pages render it.
		new XorCsrfTokenRequestAttributeHandler().handle(request, new MockHttpServletResponse(), () -> token);
		CsrfToken masked = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
		request.setParameter(token.getParameterName(), masked.getToken());
		return request;
	}

	/** The application's store, except for the requests this class marked. */
	private record MarkedRequests(CsrfTokenRepository store) implements CsrfTokenRepository {

		@Override
		public CsrfToken generateToken(HttpServletRequest request) {
			CsrfToken marked = (CsrfToken) request.getAttribute(TOKEN);
			return (marked != null) ? marked : this.store.generateToken(request);
		}

		@Override
		public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
			if (request.getAttribute(TOKEN) == null) {
				this.store.saveToken(token, request, response);
			}
		}

		@Override
		public CsrfToken loadToken(HttpServletRequest request) {
			CsrfToken marked = (CsrfToken) request.getAttribute(TOKEN);
			return (marked != null) ? marked : this.store.loadToken(request);
		}

	}

}
