package io.dakehu.shared.audit;

import java.math.BigDecimal;
import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.MessageFiles;
import io.dakehu.support.SignedIn;
import org.jsoup.Jsoup;
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
			String history = Jsoup.parse(admin.get("/accounts/" + this.accountId, language).text())
				.select("#history")
				.text();
			assertThat(history).as(language)
				.contains(messages.get("audit.entity.Opportunity") + " Renewal " + this.tag,
						messages.get("audit.entity.Contact") + " Li Lei " + this.tag,
						messages.get("stage.PROBLEM_RECOGNITION") + " → " + messages.get("stage.NEED_DESCRIPTION"),
						field(messages, "field.owner") + " Test " + this.kam + " → Test " + this.colleague,
						field(messages, "field.product") + " Drill " + this.tag, "Group " + this.tag,
						messages.get("status.ACTIVE"), "Li Lei " + this.tag, "Han Meimei " + this.tag)
				.doesNotContain("PROBLEM_RECOGNITION", "NEED_DESCRIPTION", "ACTIVE", "PROSPECT", "VISIT",
						"[" + Math.min(this.contactA, this.contactB));
		}
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
