package io.dakehu.shared.audit;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.MessageFiles;
import io.dakehu.support.SignedIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account page's history reads as a person would tell it, in English and Chinese:
 * which record changed (the deal's name, the contact's name), people, contacts, products
 * and the parent account by name, stages and lifecycle by their labels; a win keeps the
 * amount the deal had; the risks and buying-center lists name deals by name; an empty
 * strategic-pin reason is called a reason. Expected labels come from the message files.
 */
public abstract class ReadableHistoryTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	String tag;

	String kam;

	String colleague;

	long accountId;

	long dealId;

	long contactA;

	long contactB;

	@BeforeAll
	void anAccountWithADealContactsAndAnActivity() {
		this.tag = Fixtures.unique("hist");
		this.kam = this.given.kam();
		this.colleague = this.given.kam();
		long parent = this.given.accountOwnedBy(this.kam, "Group " + this.tag).id();
		JsonNode account = this.given.accountOwnedBy(this.kam, "Subsidiary " + this.tag).body();
		this.accountId = account.get("id").asLong();
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + this.accountId,
					json("name", "Subsidiary " + this.tag, "owner", this.kam, "parentId", parent, "version",
							account.get("version").asInt()))
			.expect(200);
		this.contactA = this.given.contact(this.kam, this.accountId, "Li Lei " + this.tag).id();
		this.contactB = this.given.contact(this.kam, this.accountId, "Han Meimei " + this.tag).id();
		this.api
			.post(this.kam, "/api/v1/accounts/" + this.accountId + "/activities",
					json("type", "VISIT", "occurredAt", "2026-03-04T09:30:00", "summary", "Visit " + this.tag,
							"contactIds", List.of(this.contactA, this.contactB)))
			.expect(201);
		long product = this.api.post(Api.ADMIN, "/api/v1/products", json("name", "Drill " + this.tag, "listPrice", 100))
			.expect(201)
			.id();
		this.dealId = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", this.accountId, "name", "Renewal " + this.tag, "amount", 21000, "productIds",
							List.of(product)))
			.expect(201)
			.id();
		int version = this.api
			.post(this.kam, "/api/v1/opportunities/" + this.dealId + "/stage",
					json("stage", "NEED_DESCRIPTION", "version",
							this.api.version(this.kam, "/api/v1/opportunities/" + this.dealId)))
			.expect(200)
			.version();
		version = this.api
			.put(Api.ADMIN, "/api/v1/opportunities/" + this.dealId,
					json("name", "Renewal " + this.tag, "amount", 21000, "owner", this.colleague, "version", version))
			.expect(200)
			.version();
		// The win is the account's first purchase: the history shows it becoming a
		// customer.
		this.api
			.post(Api.ADMIN, "/api/v1/opportunities/" + this.dealId + "/win",
					json("amount", 25000, "version",
							this.api.version(Api.ADMIN, "/api/v1/opportunities/" + this.dealId)))
			.expect(200);
		this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", this.accountId, "name", "Pilot " + this.tag, "amount", 900))
			.expect(201);
	}

	@Test
	void theHistoryNamesRecordsAndPeopleAndLabelsCodesInBothLanguages() {
		SignedIn admin = SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD);
		for (String language : List.of("en", "zh-CN")) {
			MessageFiles messages = language.startsWith("zh") ? MessageFiles.chinese() : MessageFiles.english();
			// The account page loads its history after itself.
			assertThat(Jsoup.parse(admin.get("/accounts/" + this.accountId, language).text())
				.select("#history")
				.attr("hx-get")).isEqualTo("/accounts/" + this.accountId + "/history/section");
			String history = Jsoup.parse(admin.get("/accounts/" + this.accountId + "/history/section", language).text())
				.text();
			assertThat(history).as(language)
				.contains(messages.get("audit.entity.Opportunity") + " Renewal " + this.tag,
						messages.get("audit.entity.Contact") + " Li Lei " + this.tag,
						messages.get("stage.PROBLEM_RECOGNITION") + " → " + messages.get("stage.NEED_DESCRIPTION"),
						field(messages, "field.owner") + " Test " + this.kam + " → Test " + this.colleague,
						field(messages, "field.product") + " Drill " + this.tag, "Group " + this.tag,
						messages.get("status.ACTIVE"), "Li Lei " + this.tag, "Han Meimei " + this.tag)
				.doesNotContain("PROBLEM_RECOGNITION", "NEED_DESCRIPTION", "ACTIVE", "PROSPECT", "VISIT",
						"channelPartner", "PURCHASE", "[" + Math.min(this.contactA, this.contactB));
			// Why the account became active (the win's purchase), in words around its
			// day.
			assertThat(history).as(language).contains(field(messages, "field.lifecycleReason"));
			for (String words : messages.get("lifecycleReason.PURCHASE").split("\\{0\\}")) {
				assertThat(history).as(language).contains(words.strip());
			}
		}
	}

	@Test
	void theHistoryPagesThroughEverySaveOnceNewestFirstNeverCuttingOne() {
		long account = this.given.accountOwnedBy(this.kam, "Paged " + this.tag).id();
		// Saves of one to seventy fields, a minute apart, all older than the account's
		// creation (its own save, the newest).
		int[] sizes = { 1, 2, 3, 49, 50, 51, 70, 5, 1, 20, 30, 2, 48, 1, 1, 60, 4, 3, 2, 1 };
		LocalDateTime start = LocalDateTime.of(2020, 1, 1, 9, 0);
		for (int save = 0; save < sizes.length; save++) {
			for (int field = 0; field < sizes[save]; field++) {
				this.jdbc.sql("""
						insert into audit_log (occurred_at, actor, entity_type, entity_id, account_id, action, field,
							old_value, new_value)
						values (:at, :actor, 'Account', :id, :id, 'UPDATE', :field, 'old', 'new')""")
					.param("at", start.plusMinutes(save))
					.param("actor", this.kam)
					.param("id", account)
					.param("field", "f" + save + "x" + field)
					.update();
			}
		}
		// Expected: each save's time and size, newest first, counted from the rows.
		List<String> expected = this.jdbc.sql("""
				select occurred_at, count(*) from audit_log where account_id = :id
				group by occurred_at order by occurred_at desc""")
			.param("id", account)
			.query((rs, n) -> rs.getTimestamp(1).toLocalDateTime() + " x" + rs.getLong(2))
			.list();
		assertThat(expected).hasSize(sizes.length + 1);

		List<String> seen = new ArrayList<>();
		int pages = 0;
		String before = null;
		do {
			Api.Response page = this.api
				.get(this.kam,
						"/api/v1/accounts/" + account + "/history" + ((before != null) ? "?before=" + before : ""))
				.expect(200);
			List<String> saves = new ArrayList<>();
			int rows = 0;
			for (JsonNode line : page.body().get("lines")) {
				saves.add(LocalDateTime.parse(line.get("occurredAt").asString()) + " x" + line.get("fields").size());
				rows += line.get("fields").size();
			}
			assertThat(rows).as("page %d: at most a page of rows, unless one save is longer", pages)
				.satisfiesAnyOf((r) -> assertThat(r).isLessThanOrEqualTo(50), (r) -> assertThat(saves).hasSize(1));
			seen.addAll(saves);
			before = page.text("older");
			pages++;
		}
		while (before != null && pages < 100);
		assertThat(seen).containsExactlyElementsOf(expected);
		assertThat(pages).isGreaterThan(8);

		// The page adds the older saves under those shown, with the next button.
		SignedIn kam = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		Document first = Jsoup.parse(kam.get("/accounts/" + account + "/history/section", "en").text());
		String older = first.select("#history-older button").attr("hx-get");
		assertThat(older).startsWith("/accounts/" + account + "/history/section?before=");
		Document next = Jsoup.parseBodyFragment(kam.get(older, "en").text());
		assertThat(next.select(".card-header")).isEmpty();
		int shownFirst = first.select("#history-lines > li:not(#history-older)").size();
		assertThat(next.select("li.list-group-item").first().text())
			.startsWith(seen.get(shownFirst).substring(0, 16).replace('T', ' '));
	}

	@Test
	void aReaderWhomOnlyTheirDealOpensTheAccountSeesNoneOfItsHistoryNorDoesAnyoneOutsideIt() {
		// The colleague owns the won deal on the KAM's account: they may read the
		// account, not
		// its history.
		SignedIn colleague = SignedIn.as(this.port, this.colleague, Api.USER_PASSWORD);
		assertThat(colleague.get("/accounts/" + this.accountId, "en").status()).isEqualTo(200);
		assertThat(Jsoup.parse(colleague.get("/accounts/" + this.accountId, "en").text()).select("#history")).isEmpty();
		assertThat(colleague.get("/accounts/" + this.accountId + "/history/section", "en").status()).isEqualTo(404);
		this.api.get(this.colleague, "/api/v1/accounts/" + this.accountId + "/history").expect(404);
		this.api.get(this.given.kam(), "/api/v1/accounts/" + this.accountId + "/history").expect(404);
		assertThat(this.api.get(this.kam, "/api/v1/accounts/" + this.accountId + "/history")
			.expect(200)
			.body()
			.get("lines")
			.size()).isPositive();
	}

	/** A field's label as the history writes it before the values ("Owner:"). */
	private static String field(MessageFiles messages, String key) {
		return messages.get("audit.fieldLabel").replace("{0}", messages.get(key));
	}

	@Test
	void aWinKeepsTheAmountTheDealHad() {
		List<String[]> amounts = this.jdbc.sql("""
				select old_value, new_value from audit_log
				where entity_type = 'Opportunity' and entity_id = :id and field = 'amount' and action = 'UPDATE'
				order by id""")
			.param("id", this.dealId)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list();
		assertThat(amounts).hasSize(1);
		assertThat(new BigDecimal(amounts.get(0)[0])).isEqualByComparingTo("21000");
		assertThat(new BigDecimal(amounts.get(0)[1])).isEqualByComparingTo("25000");
	}

	@Test
	void theRisksAndBuyingCenterListsNameDealsByName() {
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		MessageFiles english = MessageFiles.english();
		String risks = Jsoup.parse(session.get("/relationship/risks", "en").text()).text();
		assertThat(risks).contains("Pilot " + this.tag);
		String buyingCenter = Jsoup
			.parse(session.get("/accounts/" + this.accountId + "/buying-center/section", "en").text())
			.text();
		assertThat(buyingCenter).contains("Pilot " + this.tag);
		String numbered = english.get("coverage.opportunity").replace("{0}", "\\d+");
		assertThat(risks + buyingCenter).doesNotContainPattern(numbered);
	}

	@Test
	void anEmptyPinReasonIsCalledAReason() {
		Api.Response refused = this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + this.accountId + "/strategic-pin", json("reason", " "))
			.expect(400);
		JsonNode error = refused.body().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("reason");
		assertThat(error.get("message").asString()).isEqualTo(MessageFiles.english().get("field.reason") + ": "
				+ MessageFiles.english().get("validation.segmentation.reasonRequired"));
		assertThat(error.get("label").asString()).isEqualTo("Reason");
	}

}
