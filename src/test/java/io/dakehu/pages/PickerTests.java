package io.dakehu.pages;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountService;
import io.dakehu.account.LifecycleStatus;
import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductInput;
import io.dakehu.contact.ContactInput;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.NewUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.Users;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The picker endpoints of the account, contact, product and colleague pickers, as the
 * forms' search boxes call them: infix search in Chinese and case-insensitive search in
 * Latin letters, within the reader's record scope, with nothing private about colleagues.
 * Run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PickerTests {

	private static final Pattern OPTION = Pattern.compile("data-pick-id=\"([^\"]*)\"");

	@Autowired
	WebApplicationContext context;

	@Autowired
	UserAdministration administration;

	@Autowired
	Users users;

	@Autowired
	AccountService accountService;

	@Autowired
	Contacts contacts;

	@Autowired
	Catalog catalog;

	private MockMvc mvc;

	private String kamA;

	private String kamB;

	private String team;

	private long precisionA;

	private long precisionB;

	private long acmeA;

	private long contactA;

	private long contactB;

	@BeforeAll
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.team = Fixtures.unique("Picker Team");
		this.administration.createTeam(this.team, null);
		this.kamA = kam("Ada Picker");
		this.kamB = kam("Bo Picker");
		String unique = Fixtures.unique("");
		this.precisionA = open(this.kamA, "上海精密工具有限公司" + unique);
		this.precisionB = open(this.kamB, "北京精密机械有限公司" + unique);
		this.acmeA = open(this.kamA, "ACME Tooling Ltd " + unique);
		this.contactA = this.contacts
			.add(PageFixtures.adminUser(this.users), this.precisionA,
					new ContactInput("王精明" + unique, "采购经理", null, null, null, null, null, null, null, null))
			.id();
		this.contactB = this.contacts
			.add(PageFixtures.adminUser(this.users), this.precisionB,
					new ContactInput("李精明" + unique, null, null, null, null, null, null, null, null, null))
			.id();
	}

	private String kam(String name) {
		String username = Fixtures.unique("picker.kam").toLowerCase(Locale.ROOT);
		this.administration
			.create(new NewUser(username, name + " " + username, null, "Secret-Pass-1", Role.KAM, this.team, null));
		return username;
	}

	private long open(String owner, String name) {
		return this.accountService
			.open(PageFixtures.adminUser(this.users),
					new AccountInput(name, null, null, null, null, null, null, null, owner, null, null, null,
							LifecycleStatus.ACTIVE, null, null, null, null, null),
					false)
			.id();
	}

	@Test
	void findsAnAccountByTwoCharactersInsideItsChineseName() throws Exception {
		assertThat(picked("/accounts/picker?q=精密", "admin")).contains(String.valueOf(this.precisionA),
				String.valueOf(this.precisionB));
	}

	@Test
	void findsAnAccountByLatinLettersInAnyCase() throws Exception {
		assertThat(picked("/accounts/picker?q=acme tOOL", "admin")).contains(String.valueOf(this.acmeA));
		assertThat(picked("/accounts/picker?q=ACME", this.kamA)).contains(String.valueOf(this.acmeA));
	}

	@Test
	void aKamsAccountPickerFindsOnlyAccountsTheyMaySee() throws Exception {
		List<String> found = picked("/accounts/picker?q=精密", this.kamA);
		assertThat(found).contains(String.valueOf(this.precisionA)).doesNotContain(String.valueOf(this.precisionB));
		assertThat(picked("/accounts/picker?q=精密", this.kamB)).contains(String.valueOf(this.precisionB))
			.doesNotContain(String.valueOf(this.precisionA));
	}

	@Test
	void saysSoWhenNothingMatches() throws Exception {
		String page = body("/accounts/picker?q=" + Fixtures.unique("nothing-like-this"), this.kamA);
		assertThat(OPTION.matcher(page).find()).isFalse();
		assertThat(page).contains("Nothing found.");
	}

	@Test
	void findsContactsOnlyAtVisibleAccounts() throws Exception {
		assertThat(picked("/contacts/picker?q=精明", this.kamA)).contains(String.valueOf(this.contactA))
			.doesNotContain(String.valueOf(this.contactB));
		assertThat(picked("/contacts/picker?q=精明&accountId=" + this.precisionA, "admin"))
			.containsExactly(String.valueOf(this.contactA));
		this.mvc.perform(get("/contacts/picker?q=精明&accountId=" + this.precisionB).with(user(this.kamA).roles("KAM")))
			.andExpect(status().isNotFound());
	}

	@Test
	void findsProductsByNameOrCodeInAnyCase() throws Exception {
		String word = Fixtures.unique("Gauge");
		long id = this.catalog
			.add(new ProductInput("PK-" + word.toUpperCase(Locale.ROOT), "Precision " + word, null, BigDecimal.TEN,
					null))
			.id();
		assertThat(picked("/products/picker?q=precision " + word.toLowerCase(Locale.ROOT), this.kamA))
			.containsExactly(String.valueOf(id));
		assertThat(picked("/products/picker?q=pk-" + word.toLowerCase(Locale.ROOT), this.kamA))
			.containsExactly(String.valueOf(id));
	}

	@Test
	void showsColleaguesByNameWithUsernameAndTeamButNothingPrivate() throws Exception {
		String page = body("/users/picker?q=ADA PICKER", this.kamB);
		assertThat(options(page)).containsExactly(this.kamA);
		assertThat(page).contains("Ada Picker " + this.kamA).contains(this.kamA + " · " + this.team);
		String hash = this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("select password_hash from app_user where username = :u")
			.param("u", this.kamA)
			.query(String.class)
			.single();
		assertThat(page).doesNotContain(hash).doesNotContainIgnoringCase("password");
	}

	@Test
	void offersAKamOnlyThemselvesAsAnOwner() throws Exception {
		assertThat(picked("/users/picker?q=picker&mine=true", this.kamA)).containsExactly(this.kamA);
		assertThat(picked("/users/picker?q=picker", this.kamA)).contains(this.kamA, this.kamB);
	}

	@Test
	void everyFormWithAPickerRendersItAndAnActivityKeepsItsPickedPeople() throws Exception {
		var admin = user("admin").roles("ADMIN");
		String opportunity = this.mvc
			.perform(post("/opportunities").with(admin)
				.with(csrf())
				.param("accountId", String.valueOf(this.acmeA))
				.param("name", Fixtures.unique("Picker deal")))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		String activity = this.mvc
			.perform(post("/accounts/" + this.precisionA + "/activities").with(admin)
				.with(csrf())
				.param("type", "VISIT")
				.param("occurredAt", "2026-03-02T10:00")
				.param("summary", "Picked people")
				.param("contactIds", String.valueOf(this.contactA))
				.param("participants", this.kamA)
				.param("participants", this.kamB))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		long activityId = this.context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
			.sql("select max(id) from activity where account_id = :a")
			.param("a", this.precisionA)
			.query(Long.class)
			.single();
		assertThat(activity).contains("/accounts/" + this.precisionA);
		for (String form : List.of("/accounts/new", "/accounts/" + this.precisionA + "/edit", "/opportunities/new",
				opportunity, "/pipeline/targets", "/accounts/" + this.precisionA + "/activities/new",
				"/activities/" + activityId + "/edit", "/contacts/" + this.contactA + "/buying-role",
				"/accounts/" + this.precisionA + "/contacts/new")) {
			String page = this.mvc.perform(get(form).with(admin).locale(Locale.ENGLISH))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			if (!form.endsWith("/contacts/new")) {
				assertThat(page).as(form).contains("data-picker").contains("role=\"combobox\"");
			}
		}
		String edit = body("/activities/" + activityId + "/edit", "admin");
		assertThat(edit).contains("name=\"contactIds\" value=\"" + this.contactA + "\"")
			.contains("name=\"participants\" value=\"" + this.kamA + "\"")
			.contains("name=\"participants\" value=\"" + this.kamB + "\"")
			.contains("Ada Picker " + this.kamA);
	}

	private List<String> picked(String url, String username) throws Exception {
		return options(body(url, username));
	}

	private String body(String url, String username) throws Exception {
		String[] parts = url.split("\\?", 2);
		var request = get(parts[0]).with(user(username).roles("admin".equals(username) ? "ADMIN" : "KAM"))
			.locale(Locale.ENGLISH);
		if (parts.length > 1) {
			for (String pair : parts[1].split("&")) {
				String[] kv = pair.split("=", 2);
				request = request.param(kv[0], kv[1]);
			}
		}
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

	private static List<String> options(String page) {
		List<String> values = new ArrayList<>();
		Matcher matcher = OPTION.matcher(page);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return values;
	}

}
