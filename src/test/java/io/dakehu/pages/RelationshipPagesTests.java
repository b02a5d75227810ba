package io.dakehu.pages;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.identity.UserAdministration;
import io.dakehu.opportunity.NewOpportunity;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.Stage;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The relationship pages as a browser receives them: every page renders with its data,
 * the assessment form shows its errors in place, the grid settings are an
 * administrator's, audited, and records outside the scope answer 404.
 */
@H2IntegrationTest
class RelationshipPagesTests {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAdministration administration;

	@Autowired
	Opportunities opportunities;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyRelationshipPageRendersWithItsData() throws Exception {
		long account = account("Anhui Conch Cement " + SEQUENCE.incrementAndGet());
		long boss = contact(account, "Gao Ming");
		this.mvc
			.perform(post("/contacts/" + boss + "/buying-role").with(admin())
				.with(csrf())
				.param("roles", "DECIDER", "BUYER")
				.param("influence", "5")
				.param("attitude", "CHAMPION")
				.param("personalLevel", "1")
				.param("relationshipOwner", "admin"))
			.andExpect(status().is3xxRedirection());
		assess(account, "1", "1", "");
		assess(account, "2", "2", "");
		long opportunity = opportunity(account);

		assertThat(page(get("/accounts/" + account + "/relationship/section"))).contains("relationship-grid")
			.contains("Initial")
			.contains("(1, 1)")
			.contains("(2, 2)")
			.contains("dk-path-arrow");
		assertThat(page(get("/accounts/" + account + "/buying-center/section"))).contains("Gao Ming")
			.contains("Decider")
			.contains("Champion")
			.contains("is at personal level 1");
		assertThat(page(get("/accounts/" + account + "/relationship-map"))).contains("Gao Ming")
			.contains("dk-card-person")
			.contains("5/5");
		assertThat(page(get("/contacts/" + boss + "/buying-role"))).contains("checked").contains("Gao Ming");
		assertThat(page(get("/relationship/opportunities/" + opportunity))).contains("Gao Ming")
			.contains("From the account");
		assertThat(page(get("/opportunities/" + opportunity + "/buying-center/section"))).contains("Gao Ming")
			.contains("is at personal level 1")
			.doesNotContain("<html");
		assertThat(page(get("/relationship"))).contains("Out of balance (axes 2 or more levels apart): ");
		assertThat(page(get("/contacts/" + boss + "/buying-role").param("opportunity", Long.toString(opportunity))))
			.contains("on this opportunity only");
		assertThat(page(get("/relationship"))).contains("heatmap").contains("cell-2-2");
		assertThat(page(get("/relationship").param("personal", "2").param("company", "2")))
			.contains("Anhui Conch Cement");
		assertThat(page(get("/relationship/risks").param("kind", "WEAK_DECIDER"))).contains("Anhui Conch Cement");
		assertThat(page(get("/admin/relationship-grid"))).contains("cell55").contains("Strategic partner");
		assertThat(page(get("/accounts/" + account + "/edit"))).contains("What do these mean?")
			.contains("front line to the CEO");
	}

	@Test
	void showsAssessmentErrorsInTheSectionAndRecordsNothing() throws Exception {
		long account = account("Errors Ltd " + SEQUENCE.incrementAndGet());
		String outOfRange = page(post("/accounts/" + account + "/relationship/assessments").with(csrf())
			.param("personal", "9")
			.param("company", "1"));
		assertThat(outOfRange).contains("is-invalid").contains("must be between 0 and 5");
		String jump = page(post("/accounts/" + account + "/relationship/assessments").with(csrf())
			.param("personal", "3")
			.param("company", "1")
			.param("evidence", " "));
		assertThat(jump).contains("evidence-error").contains("a rise of more than one level needs a reason");
		String chinese = this.mvc
			.perform(post("/accounts/" + account + "/relationship/assessments").with(admin())
				.with(csrf())
				.locale(Locale.SIMPLIFIED_CHINESE)
				.header("Accept-Language", "zh-CN")
				.param("personal", "3")
				.param("company", "1"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(chinese).contains("提升超过一级需要说明理由").contains("二十五方格");
		assertThat(this.jdbc.sql("select count(*) from relationship_assessment where account_id = ?")
			.param(account)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void anAdministratorEditsTheStageTableAndLevelNamesAndEveryChangeIsAudited() throws Exception {
		String kam = kam();
		this.mvc.perform(get("/admin/relationship-grid").with(user(kam).roles("KAM")))
			.andExpect(status().isForbidden());
		long audits = audits();
		this.mvc.perform(stageTable("HIGH").with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
		try {
			assertThat(this.jdbc.sql("select stage from grid_stage where personal = 5 and company = 5")
				.query(String.class)
				.single()).isEqualTo("HIGH");
			assertThat(audits()).isGreaterThan(audits);
		}
		finally {
			this.mvc.perform(stageTable("PARTNER").with(admin()).with(csrf())).andExpect(status().is3xxRedirection());
		}
		MockHttpServletRequestBuilder levels = post("/admin/relationship-grid/levels").with(admin()).with(csrf());
		for (String axis : List.of("PERSONAL", "COMPANY")) {
			for (int level = 0; level <= 5; level++) {
				String nameEn = this.jdbc.sql("select name_en from grid_level where axis = ? and level = ?")
					.params(axis, level)
					.query(String.class)
					.single();
				levels.param(axis + level + ".nameEn", (axis.equals("PERSONAL") && level == 0) ? "" : nameEn)
					.param(axis + level + ".nameZh", "等级" + level);
			}
		}
		String refused = page(levels);
		assertThat(refused).contains("personal0.nameEn");
		assertThat(this.jdbc.sql("select name_zh from grid_level where axis = 'PERSONAL' and level = 1")
			.query(String.class)
			.single()).isEqualTo("观念趋同");
	}

	@Test
	void sectionsOfAnAccountOutsideTheScopeAreNotFound() throws Exception {
		long account = account("Hidden Co " + SEQUENCE.incrementAndGet());
		RequestPostProcessor stranger = user(kam()).roles("KAM");
		this.mvc.perform(get("/accounts/" + account + "/relationship/section").with(stranger))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/accounts/" + account + "/buying-center/section").with(stranger))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/accounts/" + account + "/relationship-map").with(stranger))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/accounts/" + account + "/relationship/assessments").with(stranger)
				.with(csrf())
				.param("personal", "1")
				.param("company", "1"))
			.andExpect(status().isNotFound());
	}

	private MockHttpServletRequestBuilder stageTable(String topCell) {
		MockHttpServletRequestBuilder request = post("/admin/relationship-grid/stages");
		String[] stages = { "GESTATION", "INITIAL", "MIDDLE", "HIGH", "PARTNER" };
		for (int p = 1; p <= 5; p++) {
			for (int c = 1; c <= 5; c++) {
				request.param("cell" + p + c, (p == 5 && c == 5) ? topCell : stages[Math.min(p, c) - 1]);
			}
		}
		return request;
	}

	private String page(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request.with(admin()).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private void assess(long account, String personal, String company, String evidence) throws Exception {
		assertThat(page(post("/accounts/" + account + "/relationship/assessments").with(csrf())
			.param("personal", personal)
			.param("company", company)
			.param("assessedOn", LocalDate.now().toString())
			.param("evidence", evidence))).contains("Assessment recorded");
	}

	private long account(String name) throws Exception {
		String location = this.mvc
			.perform(post("/accounts").with(admin()).with(csrf()).param("name", name).param("status", "ACTIVE"))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private long contact(long account, String name) throws Exception {
		this.mvc.perform(post("/accounts/" + account + "/contacts").with(admin()).with(csrf()).param("name", name))
			.andExpect(status().is3xxRedirection());
		return this.jdbc.sql("select id from contact where account_id = ? and name = ?")
			.params(account, name)
			.query(Long.class)
			.single();
	}

	private long opportunity(long account) {
		long admin = this.jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
		String reference = "page-" + SEQUENCE.incrementAndGet();
		this.opportunities.append(List.of(new NewOpportunity(account, admin, null, Stage.SUPPLIER_SEARCH,
				LocalDate.now(), null, null, "pages", reference)));
		return this.jdbc.sql("select id from opportunity where external_ref = ?")
			.param(reference)
			.query(Long.class)
			.single();
	}

	private String kam() {
		return PageFixtures.kam(this.administration, "relkam");
	}

	private long audits() {
		return this.jdbc.sql("select count(*) from audit_log where entity_type = 'GridStageTable'")
			.query(Long.class)
			.single();
	}

	private static RequestPostProcessor admin() {
		return PageFixtures.admin();
	}

}
