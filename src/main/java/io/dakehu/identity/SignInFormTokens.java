package io.dakehu.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * Where the pages keep their CSRF token: the sign-in form's in a cookie, every other
 * page's in the session. The sign-in page is shown without the session store (which lives
 * in the database, see {@code shared.config.SessionFreePaths}), so it stays up while the
 * database is out of reach; its form is checked against the cookie, the double-submit
 * pattern, and signing in replaces the token with one in the new session.
 */
final class SignInFormTokens implements CsrfTokenRepository {

	private static final String SIGN_IN = "/login";

	private final CookieCsrfTokenRepository signIn = new CookieCsrfTokenRepository();

	private final HttpSessionCsrfTokenRepository session = new HttpSessionCsrfTokenRepository();

	SignInFormTokens() {
		this.signIn.setCookieName("DAKEHU_SIGN_IN");
		// As the session cookie: HttpOnly (the default here), Secure behind TLS, and sent
		// with a form posted from another site only when the user navigates.
		this.signIn.setCookieCustomizer((cookie) -> cookie.sameSite("Lax"));
	}

	@Override
	public CsrfToken generateToken(HttpServletRequest request) {
		return of(request).generateToken(request);
	}

	/**
	 * Signing in clears the sign-in form's token (a null token saved on the sign-in path)
	 * and gives the new session its token at once. Made lazily instead, by the first page
	 * that shows a form, the pages a browser opens at once after signing in (restored
	 * tabs) each made one, and each page but the last writer's carried a token the
	 * session no longer held: its next form was refused.
	 */
	@Override
	public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
		if (token == null && atSignIn(request)) {
			this.signIn.saveToken(null, request, response);
			this.session.saveToken(this.session.generateToken(request), request, response);
			return;
		}
		of(request).saveToken(token, request, response);
	}

	@Override
	public CsrfToken loadToken(HttpServletRequest request) {
		return of(request).loadToken(request);
	}

	private CsrfTokenRepository of(HttpServletRequest request) {
		return atSignIn(request) ? this.signIn : this.session;
	}

	private static boolean atSignIn(HttpServletRequest request) {
		return SIGN_IN.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

}
