package io.dakehu.pages;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import io.dakehu.identity.UserAdministration;
import io.dakehu.support.H2IntegrationTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The account pages as a browser receives them: field errors next to the field, inert
 * markup, conflicts shown with the current values, records outside the scope answering
 * 404, and labels in the reader's language.
 */
@H2IntegrationTest
class AccountPagesTests {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAdministration administration;

	@Autowired
	JdbcClient jdbc;

	@Test
	void showsMissingNameAtTheFieldAndCreatesNothing() throws Exception {
		long before = accounts();
		String page = this.mvc
			.perform(post("/accounts").with(admin())
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("name", " ")
				.param("industry", "Machinery"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("is-invalid").contains("This field is required.").contains("value=\"Machinery\"");
		assertThat(accounts()).isEqualTo(before);
	}

	@Test
	void rejectsOverLongNameInChinese() throws Exception {
		long before = accounts();
		String page = this.mvc
			.perform(post("/accounts").with(admin())
				.with(csrf())
				.locale(Locale.SIMPLIFIED_CHINESE)
				.header("Accept-Language", "zh-CN")
				.param("name", "x".repeat(201)))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("is-invalid").contains("最多200个字符。");
		assertThat(accounts()).isEqualTo(before);
	}

	@Test
	void saysHowLongAPasswordMustBeInTheUsersWords() throws Exception {
		for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
			String page = this.mvc
				.perform(post("/admin/users").with(admin())
					.with(csrf())
					.locale(locale)
					.param("username", "short.password." + SEQUENCE.incrementAndGet())
					.param("displayName", "Short Password")
					.param("password", "1234567")
					.param("role", "KAM"))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(page).doesNotContain("size must be between")
				.contains(locale == Locale.ENGLISH ? "must have at least 8 characters" : "至少需要 8 个字符");
		}
	}

	@Test
	void rendersScriptInNamesAsText() throws Exception {
		long id = create("<script>alert('x')</script> Trading");
		String page = this.mvc.perform(get("/accounts/" + id).with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Trading")
			.doesNotContain("<script>alert('x')</script>");
	}

	@Test
	void countsThePagesOfASearchAndSaysWhenAPageLiesPastTheEnd() throws Exception {
		String token = "Pager" + SEQUENCE.incrementAndGet() + System.nanoTime();
		for (int i = 0; i < 3; i++) {
			create(token + " Account " + i);
		}
		assertThat(list("q=" + token + "&size=2&page=0", Locale.ENGLISH)).contains("Showing 1–2 of 3");
		assertThat(list("q=" + token + "&size=2&page=1", Locale.ENGLISH)).contains("Showing 3–3 of 3");
		String past = list("q=" + token + "&size=2&page=6", Locale.ENGLISH);
		assertThat(past).contains("Nothing on this page; 3 in all.").contains("page=0").doesNotContain("Showing 13–12");
		assertThat(list("q=" + token + "&size=2&page=6", Locale.SIMPLIFIED_CHINESE)).contains("此页没有记录，共 3 条。");
	}

	private String list(String query, Locale locale) throws Exception {
		return this.mvc.perform(get("/accounts?" + query).with(admin()).locale(locale))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	@Test
	void showsCurrentValuesWhenTheEditIsStale() throws Exception {
		long id = create("Stale Edit Industries " + SEQUENCE.incrementAndGet());
		int version = this.jdbc.sql("select version from account where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
		// Someone else saves first.
		this.mvc
			.perform(post("/accounts/" + id).with(admin())
				.with(csrf())
				.param("name", "Renamed by a colleague")
				.param("version", String.valueOf(version))
				.param("status", "ACTIVE"))
			.andExpect(status().is3xxRedirection());
		String page = this.mvc
			.perform(post("/accounts/" + id).with(admin())
				.with(csrf())
				.locale(Locale.ENGLISH)
				.param("name", "My late rename")
				.param("version", String.valueOf(version))
				.param("status", "ACTIVE"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("stale-warning").contains("Renamed by a colleague").contains("My late rename");
		assertThat(
				this.jdbc.sql("select name from account where id = :id").param("id", id).query(String.class).single())
			.isEqualTo("Renamed by a colleague");
	}

	@Test
	void afterAConflictTheColleaguesChangesFillTheFieldsTheEditorLeftAndSavingAgainKeepsBoth() throws Exception {
		long id = create("Merged Edit Works " + SEQUENCE.incrementAndGet());
		// A colleague changes the address and the region meanwhile, through the same
		// form; the editor only the notes.
		Document conflict = conflict(id, (theirs) -> {
			theirs.getElementById("address").val("8 Harbour Road");
			theirs.getElementById("region").val("East");
		}, (mine) -> mine.getElementById("description").text("Met the buyer on Monday"));
		assertThat(conflict.getElementById("stale-warning").text()).contains("Their changes are filled in below");
		assertThat(conflict.getElementById("stale-fields")).as("no field both changed").isNull();
		assertThat(conflict.getElementById("address").val()).isEqualTo("8 Harbour Road");
		assertThat(conflict.getElementById("region").val()).isEqualTo("East");
		assertThat(conflict.getElementById("description").text()).isEqualTo("Met the buyer on Monday");
		assertThat(stored(id, "address")).isEqualTo("8 Harbour Road");

		this.mvc.perform(submit(conflict, id)).andExpect(status().is3xxRedirection());
		assertThat(stored(id, "address")).isEqualTo("8 Harbour Road");
		assertThat(stored(id, "region")).isEqualTo("East");
		assertThat(stored(id, "description")).isEqualTo("Met the buyer on Monday");
	}

	@Test
	void afterAConflictAFieldBothChangedIsShownWithBothValuesAndTheEditorsInTheForm() throws Exception {
		long id = create("Both Changed Works " + SEQUENCE.incrementAndGet());
		Document conflict = conflict(id, (theirs) -> {
			theirs.getElementById("address").val("Their address");
			theirs.getElementById("industry").val("Their industry");
		}, (mine) -> mine.getElementById("address").val("My address"));
		Element fields = conflict.getElementById("stale-fields");
		assertThat(fields).isNotNull();
		assertThat(fields.select("tbody tr")).extracting(Element::text)
			.containsExactly("Address My address Their address");
		assertThat(conflict.getElementById("address").val()).isEqualTo("My address");
		assertThat(conflict.getElementById("industry").val()).isEqualTo("Their industry");

		this.mvc.perform(submit(conflict, id)).andExpect(status().is3xxRedirection());
		assertThat(stored(id, "address")).isEqualTo("My address");
		assertThat(stored(id, "industry")).isEqualTo("Their industry");
	}

	@Test
	void hidesAnotherManagersAccount() throws Exception {
		String owner = kam();
		String stranger = kam();
		long id = createOwnedBy("Private Account " + SEQUENCE.incrementAndGet(), owner);
		this.mvc.perform(get("/accounts/" + id).with(user(stranger).roles("KAM"))).andExpect(status().isNotFound());
		this.mvc.perform(get("/accounts/" + id + "/edit").with(user(stranger).roles("KAM")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/accounts/" + id + "/contacts/section").with(user(stranger).roles("KAM")))
			.andExpect(status().isNotFound());
		String list = this.mvc.perform(get("/accounts").param("q", "Private Account").with(user(stranger).roles("KAM")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(list).doesNotContain("/accounts/" + id + "\"");
		this.mvc.perform(get("/accounts/" + id).with(user(owner).roles("KAM"))).andExpect(status().isOk());
	}

	@Test
	void speaksTheBrowsersLanguageUntilTheUserChooses() throws Exception {
		String chinese = this.mvc.perform(get("/accounts").with(admin()).header("Accept-Language", "zh-CN,zh;q=0.9"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(chinese).contains("新建客户");
		MvcResult switched = this.mvc
			.perform(get("/accounts").param("lang", "en").with(admin()).header("Accept-Language", "zh-CN"))
			.andReturn();
		assertThat(switched.getResponse().getContentAsString()).contains("New account");
		assertThat(switched.getResponse().getCookie("DAKEHU_LANG")).isNotNull();
	}

	private long create(String name) throws Exception {
		return createOwnedBy(name, "admin");
	}

	private long createOwnedBy(String name, String owner) throws Exception {
		return PageFixtures.createOwnedBy(this.mvc, name, owner);
	}

	private String kam() {
		return PageFixtures.kam(this.administration, "kam");
	}

	/**
	 * The page an editor gets who opened the account's form, changed it with {@code mine}
	 * and saved after a colleague, who had opened it too, saved {@code theirs}.
	 */
	private Document conflict(long id, Consumer<Document> theirs, Consumer<Document> mine) throws Exception {
		Document editor = editPage(id);
		Document colleague = editPage(id);
		theirs.accept(colleague);
		this.mvc.perform(submit(colleague, id)).andExpect(status().is3xxRedirection());
		mine.accept(editor);
		return Jsoup.parse(this.mvc.perform(submit(editor, id).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private Document editPage(long id) throws Exception {
		return Jsoup.parse(this.mvc.perform(get("/accounts/" + id + "/edit").with(admin()))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	/** The account form as a browser sends it: every named field with its value. */
	private static MockHttpServletRequestBuilder submit(Document page, long id) {
		MockHttpServletRequestBuilder request = post("/accounts/" + id).with(admin()).with(csrf());
		Element form = page.getElementById("account-form");
		for (Element field : form.select("input[name], select[name], textarea[name]")) {
			String type = field.attr("type");
			if (field.hasAttr("form")
					|| ((type.equals("checkbox") || type.equals("radio")) && !field.hasAttr("checked"))) {
				continue;
			}
			String value = switch (field.tagName()) {
				case "textarea" -> field.text();
				case "select" -> field.select("option[selected]").isEmpty() ? field.select("option").first().val()
						: field.select("option[selected]").first().val();
				default -> field.val();
			};
			request = request.param(field.attr("name"), value);
		}
		return request;
	}

	private String stored(long id, String column) {
		return this.jdbc.sql("select " + column + " from account where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private long accounts() {
		return this.jdbc.sql("select count(*) from account").query(Long.class).single();
	}

	private static RequestPostProcessor admin() {
		return PageFixtures.admin();
	}

}
