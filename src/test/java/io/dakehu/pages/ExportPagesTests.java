package io.dakehu.pages;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.NewUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.NewOpportunity;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.Stage;
import io.dakehu.segmentation.Measure;
import io.dakehu.segmentation.RunRequest;
import io.dakehu.segmentation.SegmentationRuns;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The opportunity list's export button downloads every opportunity the reader may see,
 * and nothing else; every other exportable list shows its Export CSV and Export Excel
 * buttons carrying the list's current filters.
 */
@H2IntegrationTest
class ExportPagesTests {

	private static final long STREAMED_WITHIN_MS = 60_000;

	private static final AtomicInteger SEQUENCE = new AtomicInteger(5000);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAdministration administration;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Opportunities opportunities;

	@Autowired
	SegmentationRuns segmentation;

	@Autowired
	Users users;

	@Test
	void exportsEveryVisibleOpportunityAndNoneOfAnotherManagers() throws Exception {
		long admin = this.jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
		this.opportunities.append(java.util.List.of(new NewOpportunity(null, admin, null, Stage.PROBLEM_RECOGNITION,
				java.time.LocalDate.now(), null, null, "export-test", "export-" + SEQUENCE.incrementAndGet())));
		long all = this.jdbc.sql("select count(*) from opportunity").query(Long.class).single();
		assertThat(all).isPositive();
		assertThat(dataLines(download("admin", "ADMIN"))).isEqualTo(all);
		String stranger = "export" + SEQUENCE.incrementAndGet();
		this.administration
			.create(new NewUser(stranger, "KAM " + stranger, null, "Secret-Pass-1", Role.KAM, null, null));
		assertThat(dataLines(download(stranger, "KAM"))).isZero();
	}

	@Test
	void everyExportableListShowsItsButtonsWithItsCurrentFilters() throws Exception {
		UserSummary admin = this.users.findByUsername("admin").orElseThrow();
		CurrentUser me = new CurrentUser(admin.id(), admin.username(), admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
		long before = this.segmentation.run(me, new RunRequest(null, null, Measure.REVENUE)).id();
		long after = this.segmentation.run(me, new RunRequest(null, null, Measure.REVENUE)).id();

		assertThat(page("/segmentation/accounts?run=" + after + "&tier=SMALL&abc=C"))
			.contains("id=\"segment-export\"", "action=\"/segmentation/accounts/export\"",
					"name=\"run\" value=\"" + after + "\"", "name=\"tier\" value=\"SMALL\"", "name=\"abc\" value=\"C\"",
					"Export CSV", "Export Excel")
			.doesNotContain("name=\"valueGrowth\"");
		assertThat(page("/segmentation/migration?from=" + before + "&to=" + after + "&fromTier=IN"))
			.contains("id=\"migration-export\"", "action=\"/segmentation/migration/export\"",
					"name=\"from\" value=\"" + before + "\"", "name=\"to\" value=\"" + after + "\"",
					"name=\"fromTier\" value=\"IN\"", "Export CSV", "Export Excel")
			.doesNotContain("type=\"hidden\" name=\"toTier\"");
		assertThat(page("/relationship?owner=admin&type=STRATEGIC"))
			.contains("id=\"portfolio-export\"", "action=\"/relationship/export\"",
					"type=\"hidden\" name=\"owner\" value=\"admin\"",
					"type=\"hidden\" name=\"type\" value=\"STRATEGIC\"", "Export CSV", "Export Excel")
			.doesNotContain("type=\"hidden\" name=\"tier\"");
		assertThat(page("/relationship/risks?kind=NO_DECIDER")).contains("id=\"risks-export\"",
				"action=\"/relationship/risks/export\"", "type=\"hidden\" name=\"kind\" value=\"NO_DECIDER\"",
				"Export CSV", "Export Excel");
		assertThat(page("/admin/users")).contains("id=\"users-export\"", "action=\"/admin/users/export\"", "Export CSV",
				"Export Excel");
	}

	private String page(String path) throws Exception {
		return this.mvc.perform(get(path).with(user("admin").roles("ADMIN")).locale(Locale.ENGLISH))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private String download(String username, String role) throws Exception {
		var started = this.mvc
			.perform(get("/exports/opportunities").param("format", "csv").with(user(username).roles(role)))
			.andReturn();
		// A cold JVM on a busy machine may stream its first spreadsheet for longer than
		// the 10 seconds MockMvc waits for an async result by default.
		started.getAsyncResult(STREAMED_WITHIN_MS);
		return this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static long dataLines(String csv) {
		return csv.lines().filter((line) -> !line.isBlank()).count() - 1;
	}

}
