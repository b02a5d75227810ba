package io.dakehu.service;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import io.dakehu.segmentation.RankedRuns;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Complaints over the API (DOMAIN.md §10.3): first-responder ownership, due times from
 * the tier's service level, the status steps, the overdue list, the repeated-complaint
 * flag, bad input and record scope. Tiers come from a segmentation run each test puts in
 * place as the latest one and removes afterwards.
 */
abstract class ComplaintsTests extends ApiTestSupport {

	@LocalServerPort
	private int port;

	private String manager;

	private String kam;

	private String otherKam;

	@Autowired
	ApplicationEventPublisher events;

	RankedRuns runs;

	@BeforeEach
	void people() {
		this.runs = new RankedRuns(this.jdbc, this.events);
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, null);
		this.otherKam = this.given.kam();
	}

	@AfterEach
	void forgetRuns() {
		this.runs.forget();
	}

	@Test
	void theRecorderOwnsTheComplaintAndAKamCannotReassignIt() {
		long account = account(this.kam);
		Response created = record(this.kam, account, null).expect(201);
		assertThat(created.text("owner")).isEqualTo(this.kam);
		assertThat(created.text("recordedBy")).isEqualTo(this.kam);
		assertThat(created.text("status")).isEqualTo("OPEN");

		this.api
			.post(this.kam, "/api/v1/complaints/" + created.id() + "/assign",
					json("owner", this.otherKam, "version", created.version()))
			.expect(403);
		Response helped = this.api
			.post(this.kam, "/api/v1/complaints/" + created.id() + "/helpers",
					json("helper", this.otherKam, "version", created.version()))
			.expect(200);
		assertThat(helped.text("owner")).isEqualTo(this.kam);
		assertThat(helped.body().get("helpers").get(0).asString()).isEqualTo(this.otherKam);
	}

	@Test
	void aManagerReassignsAndTheHistorySaysWhoDid() {
		long account = account(this.kam);
		Response created = record(this.kam, account, null).expect(201);
		Response moved = this.api
			.post(this.manager, "/api/v1/complaints/" + created.id() + "/assign",
					json("owner", this.otherKam, "version", created.version()))
			.expect(200);
		assertThat(moved.text("owner")).isEqualTo(this.otherKam);

		long kamId = userId(this.kam);
		long otherId = userId(this.otherKam);
		List<Map<String, Object>> audit = this.jdbc.sql("""
				select actor, old_value, new_value, account_id from audit_log
				where entity_type = 'Complaint' and entity_id = :id and field = 'ownerId' and action = 'UPDATE'""")
			.param("id", created.id())
			.query()
			.listOfRows();
		assertThat(audit).hasSize(1);
		assertThat(audit.get(0).get("actor")).isEqualTo(this.manager);
		assertThat(audit.get(0).get("old_value")).isEqualTo(Long.toString(kamId));
		assertThat(audit.get(0).get("new_value")).isEqualTo(Long.toString(otherId));
		assertThat(((Number) audit.get(0).get("account_id")).longValue()).isEqualTo(account);
	}

	@Test
	void dueTimesFollowTheServiceLevelOfTheAccountsTier() {
		Map<String, Long> byTier = new HashMap<>();
		for (String tier : List.of("VIP", "MAJOR", "ORDINARY")) {
			byTier.put(tier, account(this.kam));
		}
		byTier.put("SMALL", account(this.kam));
		ranked(Map.of(byTier.get("VIP"), "VIP:C", byTier.get("MAJOR"), "MAJOR:C", byTier.get("ORDINARY"),
				"ORDINARY:C"));
		Map<String, JsonNode> levels = levels();
		LocalDateTime received = LocalDateTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS);
		for (String tier : List.of("VIP", "MAJOR", "ORDINARY", "SMALL")) {
			Response created = record(this.kam, byTier.get(tier), received).expect(201);
			JsonNode level = levels.get(tier);
			assertThat(created.text("tier")).isEqualTo(tier);
			assertThat(LocalDateTime.parse(created.text("responseDueAt"))).as(tier)
				.isEqualTo(received.plusHours(level.get("responseHours").asInt()));
			assertThat(LocalDateTime.parse(created.text("resolutionDueAt"))).as(tier)
				.isEqualTo(received.plusDays(level.get("resolutionDays").asInt()));
		}
		// DOMAIN.md §10.1's defaults, unless a test changed them and restored them.
		assertThat(levels.get("VIP").get("responseHours").asInt()).isEqualTo(4);
		assertThat(levels.get("SMALL").get("resolutionDays").asInt()).isEqualTo(10);
	}

	@Test
	void anAdministratorChangesAServiceLevelAuditedAndNewComplaintsFollowIt() {
		JsonNode small = levels().get("SMALL");
		int hours = small.get("responseHours").asInt();
		this.api.put(this.manager, "/api/v1/service-levels", json("levels", List.of(level("SMALL", hours + 1, small))))
			.expect(403);
		this.api.put(Api.ADMIN, "/api/v1/service-levels",
				json("levels",
						List.of(json("tier", "SMALL", "responseHours", hours + 1, "resolutionDays",
								small.get("resolutionDays").asInt(), "executiveVisitsPerYear", 0, "version",
								small.get("version").asInt() + 5))))
			.expect(409);
		Response saved = this.api
			.put(Api.ADMIN, "/api/v1/service-levels", json("levels", List.of(level("SMALL", hours + 30, small))))
			.expect(200);
		try {
			LocalDateTime received = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).minusMinutes(5);
			Response created = record(this.kam, account(this.kam), received).expect(201);
			assertThat(LocalDateTime.parse(created.text("responseDueAt"))).isEqualTo(received.plusHours(hours + 30));
			assertThat(this.jdbc.sql("""
					select count(*) from audit_log where entity_type = 'ServiceLevel' and field = 'responseHours'
					and old_value = :old and new_value = :new""")
				.param("old", Integer.toString(hours))
				.param("new", Integer.toString(hours + 30))
				.query(Long.class)
				.single()).isEqualTo(1);
		}
		finally {
			JsonNode now = saved.items()
				.stream()
				.filter((l) -> "SMALL".equals(l.get("tier").asString()))
				.findFirst()
				.orElseThrow();
			this.api.put(Api.ADMIN, "/api/v1/service-levels", json("levels", List.of(level("SMALL", hours, now))))
				.expect(200);
		}
	}

	@Test
	void overdueComplaintsAreListedForTheOwnerAndTheirManagerOnly() {
		long account = account(this.kam);
		Map<String, JsonNode> levels = levels();
		int responseHours = levels.get("SMALL").get("responseHours").asInt();
		// Past the response time but within the resolution time of a Small account.
		Response late = record(this.kam, account, LocalDateTime.now().minusHours(responseHours + 1)).expect(201);
		Response fresh = record(this.kam, account, null).expect(201);
		assertThat(late.body().get("overdue").asBoolean()).isTrue();
		assertThat(fresh.body().get("overdue").asBoolean()).isFalse();

		assertThat(overdue(this.kam)).contains(late.id()).doesNotContain(fresh.id());
		assertThat(overdue(this.manager)).contains(late.id()).doesNotContain(fresh.id());
		assertThat(overdue(this.otherKam)).doesNotContain(late.id());

		// Answered: the response is no longer due, and the resolution time is not past.
		this.api.post(this.kam, "/api/v1/complaints/" + late.id() + "/start", json("version", late.version()))
			.expect(200);
		assertThat(overdue(this.kam)).doesNotContain(late.id());
		assertThat(overdue(this.manager)).doesNotContain(late.id());
	}

	@Test
	void theRepeatedFlagAppearsAtTheThirdComplaintAndNotBefore() {
		long vip = account(this.kam);
		long classA = account(this.kam);
		long ordinary = account(this.kam);
		ranked(Map.of(vip, "VIP:C", classA, "ORDINARY:A", ordinary, "ORDINARY:B"));
		// A complaint older than twelve months does not count.
		record(this.kam, vip, LocalDateTime.now().minusMonths(13)).expect(201);
		for (int i = 1; i <= 3; i++) {
			record(this.kam, vip, null).expect(201);
			record(this.kam, classA, null).expect(201);
			record(this.kam, ordinary, null).expect(201);
			boolean third = i == 3;
			assertThat(flagged(vip)).as("VIP after %d", i).isEqualTo(third);
			assertThat(flagged(classA)).as("class A after %d", i).isEqualTo(third);
			assertThat(flagged(ordinary)).as("ordinary B after %d", i).isFalse();
			List<Long> listed = this.api.get(this.kam, "/api/v1/complaints/repeated")
				.expect(200)
				.items()
				.stream()
				.map((row) -> row.get("accountId").asLong())
				.toList();
			assertThat(listed.contains(vip)).isEqualTo(third);
			assertThat(listed.contains(classA)).isEqualTo(third);
			assertThat(listed).doesNotContain(ordinary);
		}
		assertThat(this.api.get(this.otherKam, "/api/v1/complaints/repeated")
			.expect(200)
			.items()
			.stream()
			.map((row) -> row.get("accountId").asLong())).doesNotContain(vip);
	}

	@Test
	void theStatusMovesOnlyForwardAndAReturnVisitCloses() {
		long account = account(this.kam);
		Response created = record(this.kam, account, null).expect(201);
		String path = "/api/v1/complaints/" + created.id();

		Response early = this.api
			.post(this.kam, path + "/return-visit", json("satisfaction", 4, "version", created.version()))
			.expect(409);
		assertThat(early.text("detail")).contains("Open");
		this.api
			.post(this.kam, path + "/resolve",
					json("resolution", "Replaced the batch", "rootCause", "Mislabelled pallets", "version", 7))
			.expect(409);

		Response resolved = this.api
			.post(this.kam, path + "/resolve",
					json("resolution", "Replaced the batch", "rootCause", "Mislabelled pallets", "version",
							created.version()))
			.expect(200);
		assertThat(resolved.text("status")).isEqualTo("RESOLVED");
		assertThat(LocalDate.parse(resolved.text("returnVisitDue"))).isEqualTo(LocalDate.now().plusDays(7));
		assertThat(resolved.text("respondedAt")).isNotNull();
		this.api.post(this.kam, path + "/start", json("version", resolved.version())).expect(409);

		Response closed = this.api
			.post(this.kam, path + "/return-visit",
					json("satisfaction", 4, "notes", "Happy with the speed", "version", resolved.version()))
			.expect(200);
		assertThat(closed.text("status")).isEqualTo("CLOSED");
		assertThat(closed.body().get("satisfaction").asInt()).isEqualTo(4);
		this.api.post(this.manager, path + "/assign", json("owner", this.otherKam, "version", closed.version()))
			.expect(409);
	}

	@Test
	void badInputNamesTheFieldInBothLanguages() {
		long account = account(this.kam);
		Map<String, Object> missing = json("accountId", account, "category", "DELIVERY", "severity", "HIGH",
				"description", " ");
		Response english = this.api.post(this.kam, "/api/v1/complaints", missing).expect(400);
		assertThat(english.errorFields()).containsExactlyInAnyOrder("channel", "description");
		assertThat(english.text("detail")).contains("Channel");

		JsonNode chinese = chinese(this.kam, "/api/v1/complaints", missing);
		assertThat(chinese.get("detail").asString()).contains("渠道");

		long elsewhere = account(this.kam);
		long contact = this.given.contact(this.kam, elsewhere, "Zhang Wei").id();
		Response wrongContact = record(this.kam, account, null, contact).expect(400);
		assertThat(wrongContact.errorFields()).containsExactly("contactId");
		assertThat(chinese(this.kam, "/api/v1/complaints", json("accountId", account, "contactId", contact, "channel",
				"PHONE", "category", "DELIVERY", "severity", "HIGH", "description", "Late"))
			.get("detail")
			.asString()).contains("联系人");

		Response created = record(this.kam, account, null).expect(201);
		this.api
			.post(this.kam, "/api/v1/complaints/" + created.id() + "/resolve",
					json("resolution", "Done", "rootCause", "Cause", "version", created.version()))
			.expect(200);
		Response tooHappy = this.api
			.post(this.kam, "/api/v1/complaints/" + created.id() + "/return-visit",
					json("satisfaction", 6, "version", created.version() + 1))
			.expect(400);
		assertThat(tooHappy.errorFields()).containsExactly("satisfaction");
		assertThat(tooHappy.text("detail")).contains("Satisfaction");
	}

	@Test
	void anotherKamsComplaintIsNotFound() {
		long account = account(this.kam);
		Response created = record(this.kam, account, null).expect(201);
		String path = "/api/v1/complaints/" + created.id();
		this.api.get(this.otherKam, path).expect(404);
		this.api.post(this.otherKam, path + "/start", json("version", created.version())).expect(404);
		this.api.post(this.otherKam, path + "/assign", json("owner", this.otherKam, "version", created.version()))
			.expect(404);
		record(this.otherKam, account, null).expect(404);
		assertThat(this.api.get(this.otherKam, "/api/v1/complaints?limit=500").expect(200).ids())
			.doesNotContain(created.id());
		assertThat(this.api.get(this.manager, path).expect(200).id()).isEqualTo(created.id());
		assertThat(this.api.get(this.kam, "/api/v1/complaints?accountId=" + account).expect(200).ids())
			.containsExactly(created.id());
	}

	@Test
	void theOwnerCorrectsWhatWasRecordedAndStaleClosedOrForeignEditsAreRefused() {
		long account = account(this.kam);
		long contact = this.given.contact(this.kam, account, "Li Na").id();
		Response created = record(this.kam, account, null).expect(201);
		String path = "/api/v1/complaints/" + created.id();
		Map<String, Object> corrected = json("contactId", contact, "channel", "EMAIL", "category", "PRODUCT_QUALITY",
				"severity", "CRITICAL", "description", "  Two pallets arrived broken  ", "version", created.version());

		this.api.put(this.otherKam, path, corrected).expect(404);
		Response edited = this.api.put(this.kam, path, corrected).expect(200);
		assertThat(edited.text("channel")).isEqualTo("EMAIL");
		assertThat(edited.text("category")).isEqualTo("PRODUCT_QUALITY");
		assertThat(edited.text("severity")).isEqualTo("CRITICAL");
		assertThat(edited.text("description")).isEqualTo("Two pallets arrived broken");
		assertThat(edited.body().get("contactId").asLong()).isEqualTo(contact);
		assertThat(edited.version()).isEqualTo(created.version() + 1);
		// The due times stay as recorded.
		assertThat(edited.text("responseDueAt")).isEqualTo(created.text("responseDueAt"));
		assertThat(this.jdbc.sql("""
				select old_value || '>' || new_value from audit_log
				where entity_type = 'Complaint' and entity_id = :id and field = 'severity' and action = 'UPDATE'""")
			.param("id", created.id())
			.query(String.class)
			.list()).containsExactly("HIGH>CRITICAL");

		// A stale edit is refused and changes nothing.
		Response stale = this.api
			.put(this.kam, path,
					json("channel", "PHONE", "category", "DELIVERY", "severity", "LOW", "description", "Stale",
							"version", created.version()))
			.expect(409);
		assertThat(stale.body().get("currentVersion").asInt()).isEqualTo(edited.version());
		assertThat(this.api.get(this.kam, path).expect(200).text("severity")).isEqualTo("CRITICAL");
		// Bad input names the field; a contact of another account is refused.
		assertThat(
				this.api
					.put(this.kam, path,
							json("category", "DELIVERY", "severity", "LOW", "description", "x", "version",
									edited.version()))
					.expect(400)
					.errorFields())
			.containsExactly("channel");
		long elsewhere = this.given.contact(this.kam, account(this.kam), "Wang Fang").id();
		assertThat(this.api
			.put(this.kam, path,
					json("contactId", elsewhere, "channel", "EMAIL", "category", "DELIVERY", "severity", "LOW",
							"description", "x", "version", edited.version()))
			.expect(400)
			.errorFields()).containsExactly("contactId");
		assertThat(this.api.get(this.kam, path).expect(200).version()).isEqualTo(edited.version());
		// A manager in scope may correct it too.
		Response byManager = this.api
			.put(this.manager, path,
					json("channel", "VISIT", "category", "PRODUCT_QUALITY", "severity", "LOW", "description",
							"Two pallets arrived broken", "version", edited.version()))
			.expect(200);
		assertThat(byManager.text("channel")).isEqualTo("VISIT");
		assertThat(byManager.body().get("contactId").isNull()).isTrue();
		// The complaint page corrects it the same way; a contact's row opens the form
		// with the contact chosen.
		String page = this.api.page(this.kam, "/complaints/" + created.id()).expect(200).text();
		assertThat(page).contains("id=\"edit-form\"").contains("id=\"withdraw-form\"");
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		SignedIn.Page posted = session.post("/complaints/" + created.id() + "/edit",
				Map.of("channel", "LETTER", "category", "SERVICE", "severity", "MEDIUM", "contactId",
						String.valueOf(contact), "description", "Two pallets arrived broken", "version",
						String.valueOf(byManager.version())));
		assertThat(posted.location()).endsWith("/complaints/" + created.id());
		Response fromPage = this.api.get(this.kam, path).expect(200);
		assertThat(fromPage.text("channel")).isEqualTo("LETTER");
		assertThat(fromPage.body().get("contactId").asLong()).isEqualTo(contact);
		assertThat(this.api.page(this.kam, "/contacts/" + contact + "/complaints/new").expect(200).text())
			.contains("value=\"" + contact + "\" selected=\"selected\"");
		this.api.page(this.otherKam, "/contacts/" + contact + "/complaints/new").expect(404);

		// Once closed after the return visit, the case is settled.
		Response resolved = this.api
			.post(this.kam, path + "/resolve",
					json("resolution", "Replaced", "rootCause", "Packing", "version", fromPage.version()))
			.expect(200);
		Response closed = this.api
			.post(this.kam, path + "/return-visit", json("satisfaction", 4, "version", resolved.version()))
			.expect(200);
		Response refused = this.api
			.put(this.kam, path,
					json("channel", "PHONE", "category", "DELIVERY", "severity", "LOW", "description", "Too late",
							"version", closed.version()))
			.expect(409);
		assertThat(refused.text("detail")).contains("Closed");
		assertThat(this.api.get(this.kam, path).expect(200).text("description"))
			.isEqualTo("Two pallets arrived broken");
	}

	@Test
	void onlyTheRecorderOrAManagerWithdrawsAComplaintNobodyAnswered() {
		long account = account(this.kam);
		// Recorded by the manager on the KAM's account: the KAM sees it but did not
		// record it.
		Response byManager = record(this.manager, account, null).expect(201);
		String managers = "/api/v1/complaints/" + byManager.id();
		this.api.delete(this.kam, managers + "?version=" + byManager.version()).expect(403);
		this.api.delete(this.otherKam, managers + "?version=" + byManager.version()).expect(404);

		Response own = record(this.kam, account, null).expect(201);
		String path = "/api/v1/complaints/" + own.id();
		this.api.delete(this.kam, path + "?version=" + (own.version() + 1)).expect(409);
		this.api.delete(this.kam, path + "?version=" + own.version()).expect(204);
		this.api.get(this.kam, path).expect(404);
		List<String> audit = this.jdbc.sql("""
				select field || '=' || old_value from audit_log
				where entity_type = 'Complaint' and entity_id = :id and action = 'DELETE' and account_id = :account""")
			.param("id", own.id())
			.param("account", account)
			.query(String.class)
			.list();
		assertThat(audit).contains("severity=HIGH", "description=The delivery came two weeks late");

		// Answered, it is part of the account's history.
		Response answered = record(this.kam, account, null).expect(201);
		Response started = this.api
			.post(this.kam, "/api/v1/complaints/" + answered.id() + "/start", json("version", answered.version()))
			.expect(200);
		Response notNow = this.api
			.delete(this.kam, "/api/v1/complaints/" + answered.id() + "?version=" + started.version())
			.expect(409);
		assertThat(notNow.text("detail")).contains("In progress");
		this.api.get(this.kam, "/api/v1/complaints/" + answered.id()).expect(200);

		// A manager may withdraw one the KAM recorded.
		Response another = record(this.kam, account, null).expect(201);
		this.api.delete(this.manager, "/api/v1/complaints/" + another.id() + "?version=" + another.version())
			.expect(204);
		this.api.delete(this.manager, managers + "?version=" + byManager.version()).expect(204);
		assertThat(this.api.get(this.kam, "/api/v1/complaints?accountId=" + account).expect(200).ids())
			.containsExactly(answered.id());
	}

	// ------------------------------------------------------------------ helpers

	private long account(String owner) {
		return this.given.accountOwnedBy(owner, Fixtures.unique("Complainer")).id();
	}

	private Response record(String user, long account, LocalDateTime receivedAt) {
		return record(user, account, receivedAt, null);
	}

	private Response record(String user, long account, LocalDateTime receivedAt, Long contact) {
		return this.api.post(user, "/api/v1/complaints",
				json("accountId", account, "contactId", contact, "receivedAt",
						(receivedAt != null) ? receivedAt.toString() : null, "channel", "PHONE", "category", "DELIVERY",
						"severity", "HIGH", "description", "The delivery came two weeks late"));
	}

	private Map<String, JsonNode> levels() {
		Map<String, JsonNode> levels = new HashMap<>();
		this.api.get(this.kam, "/api/v1/service-levels")
			.expect(200)
			.items()
			.forEach((level) -> levels.put(level.get("tier").asString(), level));
		return levels;
	}

	private static Map<String, Object> level(String tier, int responseHours, JsonNode current) {
		return json("tier", tier, "responseHours", responseHours, "resolutionDays",
				current.get("resolutionDays").asInt(), "executiveVisitsPerYear",
				current.get("executiveVisitsPerYear").asInt(), "version", current.get("version").asInt());
	}

	private List<Long> overdue(String user) {
		return this.api.get(user, "/api/v1/complaints?overdue=true&limit=500").expect(200).ids();
	}

	private boolean flagged(long account) {
		return this.api.get(this.kam, "/api/v1/accounts/" + account + "/service")
			.expect(200)
			.body()
			.get("repeated")
			.asBoolean();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	private void ranked(Map<Long, String> classes) {
		this.runs.rank(LocalDate.now(), classes);
	}

	/** Posts as a Chinese browser would, for the problem detail's words. */
	private JsonNode chinese(String user, String path, Map<String, Object> body) {
		try {
			String credentials = user + ":" + Api.USER_PASSWORD;
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Accept", "application/json, application/problem+json")
				.header("Accept-Language", "zh-CN")
				.header("Content-Type", "application/json")
				.header("Authorization",
						"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
				.POST(HttpRequest.BodyPublishers
					.ofString(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body)))
				.build();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
