package io.dakehu.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activities on the account timeline and the "my upcoming next contacts" list.
 */
abstract class ActivityApiTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Test
	void logsAnActivityWithParticipantsAndShowsIt() {
		String kam = this.given.kam();
		String colleague = this.given.kam();
		Response account = this.given.accountOwnedBy(kam, Fixtures.unique("Baosteel"));
		Response contact = this.given.contact(kam, account.id(), "Liu Yang");
		Response created = this.api
			.post(kam, "/api/v1/accounts/" + account.id() + "/activities",
					json("type", "MEETING", "occurredAt", "2026-03-02T14:30:00", "durationMinutes", 90, "cost",
							"350.00", "summary", "Quarterly review", "nextStep", "Send offer", "nextContactDate",
							"2026-03-20", "contactIds", List.of(contact.id()), "participants", List.of(colleague)))
			.expect(201);
		assertThat(created.location()).contains("/api/v1/activities/" + created.id());

		Response read = this.api.get(kam, "/api/v1/activities/" + created.id()).expect(200);
		assertThat(read.text("type")).isEqualTo("MEETING");
		assertThat(read.text("occurredAt")).startsWith("2026-03-02T14:30");
		assertThat(read.body().get("durationMinutes").asInt()).isEqualTo(90);
		assertThat(read.body().get("cost").asDecimal()).isEqualByComparingTo("350");
		assertThat(read.text("summary")).isEqualTo("Quarterly review");
		assertThat(read.text("nextStep")).isEqualTo("Send offer");
		assertThat(read.text("nextContactDate")).isEqualTo("2026-03-20");
		assertThat(read.text("createdBy")).isEqualTo("Test " + kam);
		assertThat(read.body().get("contacts").get(0).get("id").asLong()).isEqualTo(contact.id());
		assertThat(read.body().get("participants").get(0).get("name").asString()).isEqualTo("Test " + colleague);
	}

	@Test
	void theTimelinePagesThroughEveryActivityOnceNewestFirstOnTheApiAndTheAccountPage() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Paged timeline"));
		// Two activities a day, so a page may end between two of the same time.
		List<long[]> logged = new ArrayList<>();
		for (int i = 0; i < 57; i++) {
			LocalDateTime at = LocalDateTime.of(2025, 1, 1, 9, 0).plusDays(i / 2);
			long id = log(Api.ADMIN, account.id(), at.toString(), "Call " + i, null).id();
			logged.add(new long[] { at.toEpochSecond(ZoneOffset.UTC), id });
		}
		List<Long> expected = logged.stream()
			.sorted(Comparator.comparingLong((long[] a) -> a[0]).thenComparingLong((a) -> a[1]).reversed())
			.map((a) -> a[1])
			.toList();

		String path = "/api/v1/accounts/" + account.id() + "/activities?limit=20";
		List<Long> read = new ArrayList<>();
		List<JsonNode> page = this.api.get(Api.ADMIN, path).expect(200).items();
		int pages = 0;
		while (!page.isEmpty() && pages < 10) {
			page.forEach((item) -> read.add(item.get("id").asLong()));
			JsonNode last = page.get(page.size() - 1);
			page = this.api
				.get(Api.ADMIN,
						path + "&before=" + last.get("occurredAt").asString() + "&beforeId=" + last.get("id").asLong())
				.expect(200)
				.items();
			pages++;
		}
		assertThat(read).containsExactlyElementsOf(expected);
		assertThat(pages).isEqualTo(3);
		assertThat(this.api.get(Api.ADMIN, path + "&before=2025-01-05T09:00:00").expect(400).errorFields())
			.containsExactly("beforeId");

		// The account page's card: fifty, then the rest in place of its button.
		SignedIn admin = SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD);
		Document first = Jsoup.parse(admin.get("/accounts/" + account.id() + "/activities/section", "en").text());
		String older = first.select("#timeline-older button").attr("hx-get");
		assertThat(older).contains("before=").contains("beforeId=");
		Document rest = Jsoup.parseBodyFragment(admin.get(older, "en").text());
		assertThat(rest.select("#timeline-older")).isEmpty();
		List<Long> shown = new ArrayList<>(ids(first));
		assertThat(shown).hasSize(50);
		shown.addAll(ids(rest));
		assertThat(shown).containsExactlyElementsOf(expected);
	}

	/** The activities a timeline card shows, by their edit links. */
	private static List<Long> ids(Document card) {
		return card.select("a[href^=/activities/]")
			.stream()
			.map((link) -> Long.valueOf(link.attr("href").replaceAll("\\D", "")))
			.toList();
	}

	@Test
	void showsTheTimelineNewestFirst() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Timeline"));
		long march = log(Api.ADMIN, account.id(), "2026-03-01T09:00:00", "March", null).id();
		long january = log(Api.ADMIN, account.id(), "2026-01-01T09:00:00", "January", null).id();
		long may = log(Api.ADMIN, account.id(), "2026-05-01T09:00:00", "May", null).id();
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/activities").expect(200).ids())
			.containsExactly(may, march, january);
	}

	@Test
	void rejectsParticipantsFromAnotherAccount() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Ours"));
		Response other = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Theirs"));
		Response ours = this.given.contact(Api.ADMIN, account.id(), "Our Contact");
		Response theirs = this.given.contact(Api.ADMIN, other.id(), "Their Contact");
		Response refused = this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/activities",
					json("type", "VISIT", "occurredAt", "2026-03-01T09:00:00", "summary", "Mixed visit", "contactIds",
							List.of(ours.id(), theirs.id())))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("contactIds");
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/activities").expect(200).items())
			.isEmpty();
	}

	@Test
	void rejectsAnUnknownUserAsParticipant() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Ghostly"));
		Response refused = this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/activities",
					json("type", "VISIT", "occurredAt", "2026-03-01T09:00:00", "summary", "Ghost visit", "participants",
							List.of(Fixtures.unique("ghost"))))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("participants");
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/activities").expect(200).items())
			.isEmpty();
	}

	@Test
	void rejectsAStaleActivityEdit() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Edited"));
		Response activity = log(Api.ADMIN, account.id(), "2026-03-01T09:00:00", "Original", null);
		Object edit = json("type", "PHONE", "occurredAt", "2026-03-01T09:00:00", "summary", "Corrected", "version",
				activity.version());
		this.api.put(Api.ADMIN, "/api/v1/activities/" + activity.id(), edit).expect(200);
		this.api.put(Api.ADMIN, "/api/v1/activities/" + activity.id(), edit).expect(409);
		Response read = this.api.get(Api.ADMIN, "/api/v1/activities/" + activity.id()).expect(200);
		assertThat(read.text("summary")).isEqualTo("Corrected");
		assertThat(read.text("type")).isEqualTo("PHONE");
		assertThat(read.version()).isEqualTo(activity.version() + 1);
	}

	@Test
	void upcomingContactsShowTheLatestPlanAndALaterActivityWithoutPlanClearsIt() {
		String kam = this.given.kam();
		Response account = this.given.accountOwnedBy(kam, Fixtures.unique("Planned"));
		LocalDate today = LocalDate.now();
		log(kam, account.id(), "2026-01-10T10:00:00", "First visit", today.plusDays(30));
		log(kam, account.id(), "2026-01-20T10:00:00", "Second visit", today.plusDays(5));

		List<JsonNode> upcoming = upcoming(kam, account.id());
		assertThat(upcoming).hasSize(1);
		assertThat(upcoming.get(0).get("nextContactDate").asString()).isEqualTo(today.plusDays(5).toString());
		assertThat(upcoming.get(0).get("nextStep").asString()).isEqualTo("Follow up on Second visit");
		assertThat(upcoming.get(0).get("accountName").asString()).isEqualTo(account.text("name"));
		assertThat(upcoming.get(0).get("overdue").asBoolean()).isFalse();

		log(kam, account.id(), "2026-01-25T10:00:00", "Contact made, nothing planned", null);
		assertThat(upcoming(kam, account.id())).isEmpty();
	}

	@Test
	void upcomingContactsMarkOverduePlansAndListSoonestFirst() {
		String kam = this.given.kam();
		Response later = this.given.accountOwnedBy(kam, Fixtures.unique("Later"));
		Response overdue = this.given.accountOwnedBy(kam, Fixtures.unique("Overdue"));
		LocalDate today = LocalDate.now();
		log(kam, later.id(), "2026-01-10T10:00:00", "Later", today.plusDays(10));
		log(kam, overdue.id(), "2026-01-10T10:00:00", "Overdue", today.minusDays(3));
		List<JsonNode> upcoming = this.api.get(kam, "/api/v1/me/upcoming-contacts").expect(200).items();
		assertThat(upcoming).extracting((node) -> node.get("accountId").asLong())
			.containsExactly(overdue.id(), later.id());
		assertThat(upcoming.get(0).get("overdue").asBoolean()).isTrue();
		assertThat(upcoming.get(1).get("overdue").asBoolean()).isFalse();
	}

	@Test
	void upcomingContactsWorkForSomeoneWhoSeesEverything() {
		String director = this.given.director();
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Directed"));
		LocalDate date = LocalDate.now().plusDays(2);
		log(director, account.id(), "2026-02-01T10:00:00", "Director visit", date);
		List<JsonNode> upcoming = upcoming(director, account.id());
		assertThat(upcoming).hasSize(1);
		assertThat(upcoming.get(0).get("nextContactDate").asString()).isEqualTo(date.toString());
	}

	@Test
	void upcomingContactsIncludeActivitiesTheUserTookPartIn() {
		String kam = this.given.kam();
		String colleague = this.given.kam();
		Response account = this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Joint"), "owner", kam, "team", List.of(colleague)));
		LocalDate date = LocalDate.now().plusDays(4);
		this.api.post(kam, "/api/v1/accounts/" + account.id() + "/activities",
				json("type", "VISIT", "occurredAt", "2026-02-01T10:00:00", "summary", "Joint visit", "nextContactDate",
						date.toString(), "participants", List.of(colleague)))
			.expect(201);
		assertThat(upcoming(colleague, account.id())).hasSize(1);
	}

	/**
	 * The contact plan's read model of each account's latest contact agrees, after every
	 * kind of activity write, with ranking the account's contact activities as the plan
	 * once did, and with the dates worked out here.
	 */
	@Test
	void keepsEachAccountsLatestContactThroughEveryWrite() {
		long survivor = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Latest")).id();
		long absorbed = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Absorbed")).id();
		Response first = log(Api.ADMIN, survivor, "2026-01-10T10:00:00", "First", LocalDate.parse("2026-02-01"));
		latestIs(survivor, "2026-01-10T10:00", "2026-02-01", absorbed);

		Response older = log(Api.ADMIN, survivor, "2026-01-05T10:00:00", "Older", null);
		latestIs(survivor, "2026-01-10T10:00", "2026-02-01", absorbed);

		// Logged later at the same moment: the higher id is the later contact, as on the
		// timeline.
		Response tied = log(Api.ADMIN, survivor, "2026-01-10T10:00:00", "Tied", LocalDate.parse("2026-03-01"));
		latestIs(survivor, "2026-01-10T10:00", "2026-03-01", absorbed);

		this.api.put(Api.ADMIN, "/api/v1/activities/" + tied.id(),
				json("type", "PHONE", "occurredAt", "2025-12-01T09:00:00", "summary", "Tied, redated",
						"nextContactDate", "2026-03-01", "version", tied.version()))
			.expect(200);
		latestIs(survivor, "2026-01-10T10:00", "2026-02-01", absorbed);

		this.api.delete(Api.ADMIN, "/api/v1/activities/" + first.id()).expect(204);
		latestIs(survivor, "2026-01-05T10:00", null, absorbed);

		Response moved = log(Api.ADMIN, absorbed, "2026-02-15T08:30:00", "Absorbed", LocalDate.parse("2026-04-01"));
		List<Long> both = List.of(survivor, absorbed);
		assertThat(readModel(both)).containsExactly(survivor + " 2026-01-05T10:00 null",
				absorbed + " 2026-02-15T08:30 2026-04-01");
		assertThat(readModel(both)).isEqualTo(ranked(both));
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + absorbed + "/merge",
					json("into", survivor, "version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + absorbed)))
			.expect(200);
		latestIs(survivor, "2026-02-15T08:30", "2026-04-01", absorbed);

		this.api.delete(Api.ADMIN, "/api/v1/activities/" + moved.id()).expect(204);
		this.api.delete(Api.ADMIN, "/api/v1/activities/" + older.id()).expect(204);
		latestIs(survivor, "2025-12-01T09:00", "2026-03-01", absorbed);
		this.api.delete(Api.ADMIN, "/api/v1/activities/" + tied.id()).expect(204);
		assertThat(readModel(List.of(survivor, absorbed))).isEmpty();
		assertThat(ranked(List.of(survivor, absorbed))).isEmpty();
	}

	/**
	 * The account's row is as expected, the other account has none, and both agree with
	 * ranking.
	 */
	private void latestIs(long accountId, String at, String next, long without) {
		List<Long> both = List.of(accountId, without);
		assertThat(readModel(both)).containsExactly(accountId + " " + at + " " + next);
		assertThat(readModel(both)).isEqualTo(ranked(both));
	}

	private List<String> readModel(List<Long> accountIds) {
		return this.jdbc
			.sql("select account_id, last_contact_at, next_contact_date from " + LastContactSql.table()
					+ " x where account_id in (:ids) order by account_id")
			.param("ids", accountIds)
			.query((rs, n) -> row(rs))
			.list();
	}

	/** Each account's latest contact activity, ranked afresh over the activity table. */
	private List<String> ranked(List<Long> accountIds) {
		return this.jdbc.sql("""
				select account_id, occurred_at, next_contact_date from (
				    select a.account_id, a.occurred_at, a.next_contact_date,
				           row_number() over (partition by a.account_id order by a.occurred_at desc, a.id desc) as rn
				    from activity a where a.type in (:types) and a.account_id in (:ids)) r
				where r.rn = 1 order by account_id""")
			.param("types", ActivityType.contactCodes())
			.param("ids", accountIds)
			.query((rs, n) -> row(rs))
			.list();
	}

	private static String row(ResultSet rs) throws SQLException {
		LocalDate next = rs.getObject(3, LocalDate.class);
		return rs.getLong(1) + " " + rs.getTimestamp(2).toLocalDateTime() + " " + next;
	}

	private List<JsonNode> upcoming(String user, long accountId) {
		return this.api.get(user, "/api/v1/me/upcoming-contacts")
			.expect(200)
			.items()
			.stream()
			.filter((node) -> node.get("accountId").asLong() == accountId)
			.toList();
	}

	private Response log(String user, long accountId, String occurredAt, String summary, LocalDate next) {
		return this.api
			.post(user, "/api/v1/accounts/" + accountId + "/activities",
					json("type", "VISIT", "occurredAt", occurredAt, "summary", summary, "nextStep",
							(next != null) ? "Follow up on " + summary : null, "nextContactDate",
							(next != null) ? next.toString() : null))
			.expect(201);
	}

}
