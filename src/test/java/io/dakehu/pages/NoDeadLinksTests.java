package io.dakehu.pages;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountService;
import io.dakehu.account.LifecycleStatus;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunityInput;
import io.dakehu.opportunity.Pipeline;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import io.dakehu.support.Lanes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every link a page offers opens for the reader: signed in through the login form as the
 * demo data's KAM and as a manager, a crawler follows the navigation, every same-origin
 * link and every section a page loads (htmx {@code hx-get}), and fails on any answer of
 * 400 or more. On top of the demo data the test adds the cases that used to break: a deal
 * of the KAM on an account someone else owns, and an account of the KAM under a parent
 * owned by someone else. Each page read must also name what a screen reader says: no id
 * on two elements, no field without a label, no button without a name.
 * <p>
 * The crawl is bounded: each kind of page (its path with numbers taken out) is read for
 * its links a few times, and each kind of link is checked a limited number of times per
 * kind of page it was found on, so links from the deal and risk pages are checked even
 * after the account list has named many accounts.
 */
@SpringBootTest(properties = {
		"spring.datasource.url=jdbc:h2:mem:deadlinks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"dakehu.demo-data.enabled=true", "dakehu.demo-data.password=crawl-demo-2026",
		"dakehu.admin.password=admin-password-1", "dakehu.security.password-hash-strength=4" })
@ResourceLock(Lanes.OWN_DATABASES)
class NoDeadLinksTests {

	private static final String PASSWORD = "crawl-demo-2026";

	private static final int PAGES_READ_PER_KIND = 3;

	private static final int LINKS_CHECKED_PER_KIND_AND_SOURCE = 25;

	private static final int MAX_REQUESTS = 1500;

	private static boolean casesAdded;

	private static long othersAccount;

	private static long crawlDeal;

	private static long parentOfOwn;

	private static long subsidiary;

	@Autowired
	WebApplicationContext context;

	@Autowired
	Users users;

	@Autowired
	AccountService accounts;

	@Autowired
	Pipeline pipeline;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		synchronized (NoDeadLinksTests.class) {
			if (!casesAdded) {
				addCasesThatUsedToBreak();
				casesAdded = true;
			}
		}
	}

	@Test
	void everyLinkAKeyAccountManagerIsShownOpens() throws Exception {
		// The home page, and the deal added above: the crawl reads only a few pages of a
		// kind, and the to-do and plan pages name other deals first.
		Crawl crawl = crawlAs("moses.frase", "/", "/opportunities/" + crawlDeal);
		assertThat(crawl.broken).isEmpty();
		assertThat(crawl.unreadable).isEmpty();
		// The crawl reached the pages that used to link to closed accounts.
		assertThat(crawl.checked).anyMatch((url) -> url.startsWith("/opportunities/"))
			.anyMatch((url) -> url.startsWith("/relationship/risks"))
			.anyMatch((url) -> url.startsWith("/accounts/"));
		// The deal's account opens read-only; the parent of the KAM's own account is
		// named, not linked, as the KAM may not open it.
		assertThat(crawl.checked).contains("/accounts/" + othersAccount, "/accounts/" + subsidiary)
			.doesNotContain("/accounts/" + parentOfOwn);
	}

	@Test
	void everyLinkAManagerIsShownOpens() throws Exception {
		Crawl crawl = crawlAs("dustin.brinkmann", "/");
		assertThat(crawl.broken).isEmpty();
		assertThat(crawl.unreadable).isEmpty();
		assertThat(crawl.checked).anyMatch((url) -> url.startsWith("/opportunities/"))
			.anyMatch((url) -> url.startsWith("/relationship"))
			.anyMatch((url) -> url.startsWith("/accounts/"));
	}

	/**
	 * An account of the administrator's with a deal of the KAM on it, and an account of
	 * the KAM whose parent belongs to the administrator.
	 */
	private void addCasesThatUsedToBreak() {
		UserSummary admin = this.users.findByUsername("admin").orElseThrow();
		CurrentUser editor = new CurrentUser(admin.id(), "admin", admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
		AccountDetails others = this.accounts.open(editor, account("Crawl Outsider Holdings", "admin", null), false);
		crawlDeal = this.pipeline
			.open(editor,
					new OpportunityInput(others.id(), "Crawl renewal deal", new BigDecimal("21000"), "moses.frase",
							null, null, null, List.of(), null))
			.id();
		AccountDetails parent = this.accounts.open(editor, account("Crawl Parent Group", "admin", null), false);
		subsidiary = this.accounts.open(editor, account("Crawl Subsidiary", "moses.frase", parent.id()), false).id();
		othersAccount = others.id();
		parentOfOwn = parent.id();
	}

	private static AccountInput account(String name, String owner, Long parentId) {
		return new AccountInput(name, null, null, null, null, null, null, parentId, owner, null, null, null,
				LifecycleStatus.ACTIVE, null, null, null, null, null);
	}

	private Crawl crawlAs(String username, String... starts) throws Exception {
		MvcResult login = this.mvc
			.perform(post("/login").with(csrf()).param("username", username).param("password", PASSWORD))
			.andReturn();
		assertThat(login.getResponse().getRedirectedUrl()).as("signed in").doesNotContain("error");
		MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
		Crawl crawl = new Crawl(session);
		crawl.run(starts);
		return crawl;
	}

	private final class Crawl {

		private final MockHttpSession session;

		private final Deque<Link> queue = new ArrayDeque<>();

		private final Set<String> seen = new HashSet<>();

		private final Map<String, Integer> readPerKind = new HashMap<>();

		private final Map<String, Integer> checkedPerKindAndSource = new HashMap<>();

		final List<String> checked = new ArrayList<>();

		final List<String> broken = new ArrayList<>();

		/** Pages a screen reader or a label's click cannot follow. */
		final Set<String> unreadable = new java.util.TreeSet<>();

		Crawl(MockHttpSession session) {
			this.session = session;
		}

		void run(String... starts) throws Exception {
			for (String start : starts) {
				this.seen.add(start);
				this.queue.add(new Link(start, "(start)"));
			}
			while (!this.queue.isEmpty() && this.checked.size() < MAX_REQUESTS) {
				Link link = this.queue.poll();
				MockHttpServletResponse response = NoDeadLinksTests.this.mvc
					.perform(get(URI.create(link.url())).session(this.session).locale(Locale.ENGLISH))
					.andReturn()
					.getResponse();
				this.checked.add(link.url());
				int status = response.getStatus();
				if (status >= 400) {
					this.broken.add(status + " " + link.url() + " (linked from " + link.from() + ")");
					continue;
				}
				if (status >= 300) {
					offer(response.getRedirectedUrl(), link.url());
					continue;
				}
				String type = response.getContentType();
				if (type == null || !type.startsWith("text/html")) {
					continue;
				}
				String kind = kind(link.url());
				int read = this.readPerKind.merge(kind, 1, Integer::sum);
				if (read > PAGES_READ_PER_KIND) {
					continue;
				}
				Document page = Jsoup.parse(response.getContentAsString(StandardCharsets.UTF_8), "http://localhost/");
				readable(page, kind);
				for (Element a : page.select("a[href]")) {
					offer(a.attr("href"), link.url());
				}
				for (Element section : page.select("[hx-get]")) {
					offer(section.attr("hx-get"), link.url());
				}
			}
		}

		/**
		 * An id names one element (a label, an htmx target and a test find it), and every
		 * field a reader fills in has a name a screen reader says: a label for it or
		 * around it, or an ARIA label.
		 */
		private void readable(Document page, String kind) {
			Map<String, Integer> ids = new HashMap<>();
			for (Element element : page.select("[id]")) {
				ids.merge(element.id(), 1, Integer::sum);
			}
			ids.forEach((id, count) -> {
				if (count > 1) {
					this.unreadable.add(kind + ": id " + id + " on " + count + " elements");
				}
			});
			for (Element field : page
				.select("input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea")) {
				boolean named = field.hasAttr("aria-label") || field.hasAttr("aria-labelledby")
						|| field.hasAttr("title") || field.closest("label") != null
						|| (!field.id().isEmpty() && !page.select("label[for=" + field.id() + "]").isEmpty());
				if (!named) {
					this.unreadable.add(kind + ": field " + field.tagName() + " " + field.attr("name") + " unlabelled");
				}
			}
			for (Element button : page.select("button")) {
				if (button.text().isBlank() && !button.hasAttr("aria-label") && !button.hasAttr("title")) {
					this.unreadable.add(kind + ": button " + button.className() + " unnamed");
				}
			}
		}

		private void offer(String href, String from) {
			if (href == null || href.isBlank() || href.startsWith("#") || href.startsWith("javascript:")
					|| href.startsWith("mailto:")) {
				return;
			}
			URI uri = URI.create("http://localhost" + from).resolve(href.strip());
			if (!"localhost".equals(uri.getHost()) || uri.getPort() != -1) {
				return;
			}
			String url = uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
			// Switching the language and signing out end the walk's premise, not a link.
			if (url.startsWith("/logout") || (uri.getRawQuery() != null && uri.getRawQuery().contains("lang="))) {
				return;
			}
			if (!this.seen.add(url)) {
				return;
			}
			String budget = kind(url) + " <- " + kind(from);
			if (this.checkedPerKindAndSource.merge(budget, 1, Integer::sum) > LINKS_CHECKED_PER_KIND_AND_SOURCE) {
				return;
			}
			this.queue.add(new Link(url, from));
		}

		/** The page's path with numbers taken out: {@code /accounts/{n}}. */
		private static String kind(String url) {
			int query = url.indexOf('?');
			String path = (query >= 0) ? url.substring(0, query) : url;
			return path.replaceAll("/\\d+", "/{n}");
		}

	}

	private record Link(String url, String from) {
	}

}
