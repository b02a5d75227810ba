package io.dakehu.pages;

import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.NewUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;

import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the page tests set up the same way: the signed-in administrator, a fresh KAM, an
 * account created through the account form. The page tests share one application context,
 * so user names take a per-test prefix and one counter.
 */
final class PageFixtures {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private PageFixtures() {
	}

	static RequestPostProcessor admin() {
		return user("admin").roles("ADMIN");
	}

	static CurrentUser adminUser(Users users) {
		UserSummary admin = users.findByUsername("admin").orElseThrow();
		return new CurrentUser(admin.id(), "admin", admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

	/**
	 * A new KAM (with a password nobody signs in with: the tests act as users directly).
	 */
	static String kam(UserAdministration administration, String prefix) {
		String username = prefix + SEQUENCE.incrementAndGet();
		administration.create(new NewUser(username, "KAM " + username, null, "Secret-Pass-1", Role.KAM, null, null));
		return username;
	}

	/** An active account made with the account form, as the admin; its id. */
	static long createOwnedBy(MockMvc mvc, String name, String owner) throws Exception {
		String location = mvc
			.perform(post("/accounts").with(admin())
				.with(csrf())
				.param("name", name)
				.param("owner", owner)
				.param("status", "ACTIVE"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

}
