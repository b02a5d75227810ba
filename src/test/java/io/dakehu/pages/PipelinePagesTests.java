package io.dakehu.pages;

import java.util.List;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunityInput;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static io.dakehu.support.PageCsrf.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Moves from the board: without scripts the reader goes back to the board as it was
 * filtered, and nowhere else (a line break in the address is ignored, not an error);
 * through htmx the answer is the two columns concerned and the totals, swapped in place.
 */
@H2IntegrationTest
class PipelinePagesTests {

	private static final long STREAMED_WITHIN_MS = 60_000;

	@Autowired
	MockMvc mvc;

	@Autowired
	Pipeline pipeline;

	@Autowired
	Users users;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	/** The version a board card shows for the opportunity now. */
	private String version(long id) {
		return this.jdbc.sql("select version from opportunity where id = ?")
			.param(id)
			.query(Integer.class)
			.single()
			.toString();
	}

	private long opportunity(String name) throws Exception {
		CurrentUser admin = PageFixtures.adminUser(this.users);
		long account = PageFixtures.createOwnedBy(this.mvc, name + " account", "admin");
		return this.pipeline
			.open(admin,
					new OpportunityInput(account, name, null, null, null, PurchaseType.NEW_TASK, null, List.of(), null))
			.id();
	}

	@Test
	void aMoveWithoutScriptsGoesBackToTheFilteredBoardAndNowhereElse() throws Exception {
		long id = opportunity("Back to the board");
		this.mvc
			.perform(post("/pipeline/" + id + "/move").with(PageFixtures.admin())
				.with(csrf())
				.param("stage", "NEED_DESCRIPTION")
				.param("version", version(id))
				.param("back", "/pipeline?ownerId=any&purchaseType=NEW_TASK"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/pipeline?ownerId=any&purchaseType=NEW_TASK"));
		for (String back : List.of("/pipeline\r\nSet-Cookie: stolen=1", "//elsewhere.example",
				"https://elsewhere.example/", "/pipeline\nx")) {
			this.mvc
				.perform(post("/pipeline/" + id + "/move").with(PageFixtures.admin())
					.with(csrf())
					.param("stage", "NEED_DESCRIPTION")
					.param("version", version(id))
					.param("back", back))
				.andExpect(status().is3xxRedirection())
				.andExpect(redirectedUrl("/pipeline"));
		}
	}

	@Test
	void aMoveThroughHtmxAnswersTheTwoColumnsAndTheTotalsUnderTheBoardsFilter() throws Exception {
		long id = opportunity("Swapped in place");
		String html = this.mvc
			.perform(post("/pipeline/" + id + "/move").with(PageFixtures.admin())
				.with(csrf())
				.header("HX-Request", "true")
				.param("stage", "ORDER")
				.param("version", version(id))
				.param("ownerId", "any")
				.param("purchaseType", "NEW_TASK"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("id=\"board-summary\"")
			.contains("id=\"column-PROBLEM_RECOGNITION\"")
			.contains("id=\"column-ORDER\"")
			.contains("id=\"card-" + id + "\"");
		assertThat(html.split("hx-swap-oob=\"true\"", -1)).hasSize(4);
		for (Stage other : Stage.open()) {
			if (other != Stage.PROBLEM_RECOGNITION && other != Stage.ORDER) {
				assertThat(html).doesNotContain("id=\"column-" + other + "\"");
			}
		}
		// The columns drawn again keep the board's filter for their next loads.
		assertThat(html).contains("/pipeline/columns/ORDER?ownerId=any&amp;purchaseType=NEW_TASK");

		String refused = this.mvc
			.perform(post("/pipeline/" + id + "/move").with(PageFixtures.admin())
				.with(csrf())
				.header("HX-Request", "true")
				.param("stage", "NEED_DESCRIPTION")
				.param("version", "0"))
			.andExpect(status().isConflict())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(refused).isNotBlank().doesNotContain("<");
	}

	@Test
	void aWinOrALossOnAStalePageSaysSomeoneElseChangedTheDeal() throws Exception {
		long id = opportunity("Closed on a stale page");
		String seen = version(id);
		this.mvc
			.perform(post("/opportunities/" + id + "/stage").with(PageFixtures.admin())
				.with(csrf())
				.param("stage", "ORDER")
				.param("version", seen))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post("/opportunities/" + id + "/win").with(PageFixtures.admin())
				.with(csrf())
				.locale(java.util.Locale.ENGLISH)
				.param("amount", "100")
				.param("version", seen))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("Someone else changed")));
		this.mvc
			.perform(post("/opportunities/" + id + "/lose").with(PageFixtures.admin())
				.with(csrf())
				.locale(java.util.Locale.ENGLISH)
				.param("reason", "Price")
				.param("competitor", "Rival")
				.param("version", seen))
			.andExpect(flash().attribute("problem", org.hamcrest.Matchers.containsString("Someone else changed")));
		assertThat(this.jdbc.sql("select stage from opportunity where id = ?").param(id).query(String.class).single())
			.isEqualTo("ORDER");
	}

	@Test
	void theListPagesSortsAndExportsWhatItShows() throws Exception {
		String token = "Listed" + System.nanoTime();
		long first = opportunity(token + " A");
		long second = opportunity(token + " B");
		String html = this.mvc
			.perform(get("/pipeline/list").with(PageFixtures.admin()).param("q", token).param("sort", "-name"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html.indexOf("data-id=\"" + second + "\"")).isPositive()
			.isLessThan(html.indexOf("data-id=\"" + first + "\""));
		// The name header sorts the other way; the others start ascending; all keep the
		// search.
		assertThat(html)
			.contains("id=\"sort-name\" href=\"/pipeline/list?ownerId=any&amp;q=" + token + "&amp;sort=name\"")
			.contains("&amp;sort=amount\"")
			.contains("aria-sort=\"descending\"")
			.contains("<input type=\"hidden\" name=\"q\" value=\"" + token + "\">");
		this.mvc.perform(get("/pipeline").with(PageFixtures.admin()).param("q", token)).andExpect(status().isOk());

		this.mvc
			.perform(post("/pipeline/" + first + "/move").with(PageFixtures.admin())
				.with(csrf())
				.param("stage", "ORDER")
				.param("version", version(first)))
			.andExpect(status().is3xxRedirection());
		var started = this.mvc
			.perform(get("/exports/opportunities").with(PageFixtures.admin())
				.param("format", "csv")
				.param("q", token)
				.param("stage", "ORDER")
				.param("sort", "name"))
			.andReturn();
		// A cold JVM on a busy machine may stream its first spreadsheet for longer than
		// the 10 seconds MockMvc waits for an async result by default.
		started.getAsyncResult(STREAMED_WITHIN_MS);
		String csv = this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
		assertThat(csv.lines().filter((line) -> !line.isBlank()).count()).isEqualTo(2);
		assertThat(csv).contains(token + " A account").doesNotContain(token + " B account");
	}

}
