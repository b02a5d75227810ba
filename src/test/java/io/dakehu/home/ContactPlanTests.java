package io.dakehu.home;

import org.springframework.context.ApplicationEventPublisher;
import io.dakehu.segmentation.RankedRuns;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact plan over the API, the calendar feed and the to-do list (DOMAIN.md §10.2),
 * on accounts whose tiers come from a segmentation run each test puts in place as the
 * latest and removes afterwards. "Today" is the application's clock; every due day
 * expected is worked out here from the last contact written and the tier's cadence the
 * service levels report.
 */
abstract class ContactPlanTests extends ApiTestSupport {

	@Autowired
	Clock clock;

	@Autowired
	CalendarFeeds feeds;

	LocalDate today;

	String manager;

	String team;

	String kam;

	String otherKam;

	String otherManager;

	String director;

	Map<String, Integer> cadence;

	@Autowired
	ApplicationEventPublisher events;

	RankedRuns runs;

	@BeforeEach
	void people() {
		this.runs = new RankedRuns(this.jdbc, this.events);
		this.today = LocalDate.now(this.clock);
		this.manager = this.given.manager();
		this.team = this.given.team(this.manager);
		this.kam = this.given.kam(this.team, this.manager);
		this.otherKam = this.given.kam(this.team, this.manager);
		this.otherManager = this.given.manager();
		String otherTeam = this.given.team(this.otherManager);
		this.given.kam(otherTeam, this.otherManager);
		this.director = this.given.director();
		this.cadence = new HashMap<>();
		for (JsonNode level : this.api.get(this.kam, "/api/v1/service-levels").expect(200).items()) {
			this.cadence.put(level.get("tier").asString(), level.get("cadenceDays").asInt());
		}
	}

	@AfterEach
	void forgetRuns() {
		this.runs.forget();
	}

	@Test
	void eachTierIsDueAfterItsCadenceOrAtAnEarlierPlanAndANonContactIsIgnored() {
		Map<Long, String> tiers = new LinkedHashMap<>();
		Map<Long, LocalDate> expected = new HashMap<>();
		int late = 1;
		for (String tier : List.of("VIP", "MAJOR", "ORDINARY", "SMALL")) {
			long account = account(this.kam, tier);
			LocalDate last = this.today.minusDays(this.cadence.get(tier) + late);
			contact(this.kam, account, last, null);
			tiers.put(account, tier);
			expected.put(account, last.plusDays(this.cadence.get(tier)));
			late++;
		}
		// A plan earlier than the cadence decides: due in 2 days, not in 14 - 3 = 11.
		long planned = account(this.kam, "planned");
		contact(this.kam, planned, this.today.minusDays(3), this.today.plusDays(2));
		tiers.put(planned, "VIP");
		expected.put(planned, this.today.plusDays(2));
		// A non-contact activity yesterday does not restart the cadence.
		long noted = account(this.kam, "noted");
		LocalDate contacted = this.today.minusDays(20);
		contact(this.kam, noted, contacted, null);
		this.jdbc
			.sql("""
					insert into activity (account_id, type, occurred_at, summary, created_by, created_at)
					values (:account, 'NOTE', :at, 'Internal note', (select id from app_user where username = :kam), :at)""")
			.param("account", noted)
			.param("at", Timestamp.valueOf(this.today.minusDays(1).atTime(9, 0)))
			.param("kam", this.kam)
			.update();
		tiers.put(noted, "VIP");
		expected.put(noted, contacted.plusDays(this.cadence.get("VIP")));
		ranked(tiers);

		Map<Long, JsonNode> due = items(this.api.get(this.kam, "/api/v1/contact-plan?scope=mine&status=due"));
		assertThat(due.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected.forEach((account, day) -> {
			assertThat(due.get(account).get("dueOn").asString()).as(tiers.get(account)).isEqualTo(day.toString());
			assertThat(due.get(account).get("overdue").asBoolean()).isEqualTo(day.isBefore(this.today));
			assertThat(due.get(account).get("tier").asString()).isEqualTo(tiers.get(account));
		});
		Map<Long, JsonNode> overdue = items(this.api.get(this.kam, "/api/v1/contact-plan?scope=mine&status=overdue"));
		assertThat(overdue.keySet())
			.containsExactlyInAnyOrderElementsOf(
					expected.keySet().stream().filter((account) -> expected.get(account).isBefore(this.today)).toList())
			.doesNotContain(planned);
	}

	@Test
	void aTeamsOverdueAndDueListsArePagedInDueDayOrderAcrossItsKamsWithTheExactTotal() {
		// Due days from plans: three for each KAM of the team, interleaved, two on one
		// day (then by name); an account never contacted is due today, not overdue; the
		// other team's is not the manager's.
		List<String> owners = List.of(this.kam, this.otherKam, this.kam, this.otherKam, this.kam, this.otherKam);
		int[] daysLate = { 9, 8, 4, 4, 2, 1 };
		List<Long> expected = new ArrayList<>();
		for (int i = 0; i < owners.size(); i++) {
			long account = account(owners.get(i), (char) ('a' + i) + " late " + daysLate[i]);
			contact(owners.get(i), account, this.today.minusDays(30), this.today.minusDays(daysLate[i]));
			expected.add(account);
		}
		long never = account(this.kam, "never contacted");
		String outsider = this.given.kam(this.given.team(this.otherManager), this.otherManager);
		contact(outsider, account(outsider, "other team"), this.today.minusDays(30), this.today.minusDays(5));

		List<Long> paged = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			Response answer = this.api
				.get(this.manager, "/api/v1/contact-plan?scope=team&status=overdue&size=2&page=" + page)
				.expect(200);
			assertThat(answer.body().get("total").asLong()).as("page %d", page).isEqualTo(6);
			paged.addAll(items(answer).keySet());
		}
		assertThat(paged).containsExactlyElementsOf(expected);
		// Without a size, the page the screen shows.
		Response screenful = this.api.get(this.manager, "/api/v1/contact-plan?scope=team&status=overdue").expect(200);
		assertThat(screenful.body().get("size").asInt()).isEqualTo(50);
		assertThat(items(screenful).keySet()).containsExactlyElementsOf(expected);
		Response mine = this.api.get(this.kam, "/api/v1/contact-plan?scope=mine&status=overdue&size=2&page=1");
		assertThat(items(mine).keySet()).containsExactly(expected.get(4));
		assertThat(mine.body().get("total").asLong()).isEqualTo(owners.stream().filter(this.kam::equals).count());

		// Due within a week: the overdue ones, then today's — the account never contacted
		// among them by name — then the later ones; a plan three weeks off is not due.
		long today = account(this.otherKam, "today planned");
		contact(this.otherKam, today, this.today.minusDays(30), this.today);
		long soon = account(this.kam, "a soon");
		contact(this.kam, soon, this.today.minusDays(30), this.today.plusDays(3));
		long later = account(this.otherKam, "later");
		contact(this.otherKam, later, this.today.minusDays(30), this.today.plusDays(21));
		List<Long> due = new ArrayList<>(expected);
		due.addAll(List.of(never, today, soon));
		List<Long> duePaged = new ArrayList<>();
		for (int page = 0; page < 4; page++) {
			Response answer = this.api.get(this.manager, "/api/v1/contact-plan?scope=team&size=3&page=" + page)
				.expect(200);
			assertThat(answer.body().get("total").asLong()).as("page %d", page).isEqualTo(9);
			duePaged.addAll(items(answer).keySet());
		}
		assertThat(duePaged).containsExactlyElementsOf(due).doesNotContain(later);
	}

	@Test
	void aTeamsPagesMergeItsKamsRangesInDueDayOrder() {
		pagedInDueDayOrder(List.of(this.kam, this.otherKam), 3);
	}

	@Test
	void aTeamOfMoreKamsThanThePageMergesIsPagedInTheSameOrder() {
		// On PostgreSQL a team's first rows are merged from one branch per owner up to 32
		// owners; a larger team is read another way and must page the same.
		List<String> kams = new ArrayList<>(List.of(this.kam, this.otherKam));
		while (kams.size() < 33) {
			kams.add(this.given.kam(this.team, this.manager));
		}
		pagedInDueDayOrder(kams, 10);
	}

	/**
	 * Gives the KAMs accounts overdue (the first KAM six, the others one), accounts never
	 * contacted (six each for the first two KAMs, then one for every third) and one due
	 * in three days, then reads the manager's overdue and due lists page by page against
	 * the order worked out here: the longest overdue first, then by name; then those due
	 * today by name; then the later ones.
	 */
	private void pagedInDueDayOrder(List<String> kams, int size) {
		record Due(long account, LocalDate day, String name) {
		}
		List<Due> overdue = new ArrayList<>();
		List<Due> today = new ArrayList<>();
		for (int i = 0; i < kams.size(); i++) {
			for (int j = 0; j < ((i == 0) ? 6 : 1); j++) {
				String name = String.format("p %02d %02d", i, j);
				LocalDate day = this.today.minusDays(1 + ((i + j) % 4));
				long account = account(kams.get(i), name);
				contact(kams.get(i), account, this.today.minusDays(30), day);
				overdue.add(new Due(account, day, name));
			}
			for (int j = 0; j < ((i < 2) ? 6 : (i % 3 == 0) ? 1 : 0); j++) {
				String name = String.format("q %02d %02d", i, j);
				today.add(new Due(account(kams.get(i), name), this.today, name));
			}
		}
		long soon = account(kams.get(1), "r soon");
		contact(kams.get(1), soon, this.today.minusDays(30), this.today.plusDays(3));
		Comparator<Due> order = Comparator.comparing(Due::day).thenComparing(Due::name);
		List<Long> overdueOrder = overdue.stream().sorted(order).map(Due::account).toList();
		List<Long> dueOrder = new ArrayList<>(overdueOrder);
		today.stream().sorted(order).map(Due::account).forEach(dueOrder::add);
		dueOrder.add(soon);

		assertThat(pages("overdue", size, overdueOrder.size())).containsExactlyElementsOf(overdueOrder);
		assertThat(pages("due", size, dueOrder.size())).containsExactlyElementsOf(dueOrder);
	}

	/** The manager's team list read page by page, each page with the whole total. */
	private List<Long> pages(String status, int size, int total) {
		List<Long> read = new ArrayList<>();
		for (int page = 0; page * size < total; page++) {
			Response answer = this.api
				.get(this.manager,
						"/api/v1/contact-plan?scope=team&status=" + status + "&size=" + size + "&page=" + page)
				.expect(200);
			assertThat(answer.body().get("total").asLong()).as("%s page %d", status, page).isEqualTo(total);
			read.addAll(items(answer).keySet());
		}
		return read;
	}

	@Test
	void aTeamsCountsPerKamAndItsTotalFollowEveryChangeAtOnce() {
		long first = account(this.kam, "counted first");
		contact(this.kam, first, this.today.minusDays(30), this.today.minusDays(3));
		long second = account(this.kam, "counted second");
		contact(this.kam, second, this.today.minusDays(30), this.today.minusDays(2));
		String kamName = "Test " + this.kam;
		String otherName = "Test " + this.otherKam;
		for (int read = 0; read < 2; read++) {
			Response plan = teamOverdue();
			assertThat(groups(plan)).as("read %d", read).containsEntry(kamName, 2L).doesNotContainKey(otherName);
			assertThat(plan.body().get("total").asLong()).isEqualTo(2);
		}

		// Contacted today, the next contact in a month: one fewer overdue.
		contact(this.kam, first, this.today, this.today.plusDays(30));
		Response contacted = teamOverdue();
		assertThat(groups(contacted)).containsEntry(kamName, 1L);
		assertThat(contacted.body().get("total").asLong()).isEqualTo(1);
		assertThat(items(contacted).keySet()).containsExactly(second);

		// Given to the other KAM of the team: counted under them, no longer under the
		// first.
		this.api.post(this.manager, "/api/v1/accounts/" + second + "/assign", json("owner", this.otherKam)).expect(200);
		Response moved = teamOverdue();
		assertThat(groups(moved)).containsEntry(otherName, 1L).doesNotContainKey(kamName);
		assertThat(moved.body().get("total").asLong()).isEqualTo(1);

		// Archived: nobody's.
		this.api.delete(this.otherKam, "/api/v1/accounts/" + second).expect(204);
		Response archived = teamOverdue();
		assertThat(groups(archived)).doesNotContainKeys(kamName, otherName);
		assertThat(archived.body().get("total").asLong()).isZero();
	}

	private Response teamOverdue() {
		return this.api.get(this.manager, "/api/v1/contact-plan?scope=team&status=overdue&size=10").expect(200);
	}

	@Test
	void aVipLastContacted154DaysAgoIsOverdueForItsKamTheirManagerAndADirectorOnly() {
		long vip = account(this.kam, "VIP 154");
		LocalDate last = this.today.minusDays(154);
		contact(this.kam, vip, last, null);
		ranked(Map.of(vip, "VIP"));
		String dueOn = last.plusDays(this.cadence.get("VIP")).toString();

		for (String reader : List.of(this.kam, this.manager, this.director)) {
			String scope = reader.equals(this.kam) ? "mine" : reader.equals(this.manager) ? "team" : "all";
			JsonNode item = items(
					this.api.get(reader, "/api/v1/contact-plan?scope=" + scope + "&status=overdue&size=500"))
				.get(vip);
			assertThat(item).as(reader).isNotNull();
			assertThat(item.get("dueOn").asString()).isEqualTo(dueOn);
			assertThat(item.get("owner").asString()).isEqualTo(this.kam);
		}
		// The pages show it too: the plan, the month of its due day, the executive visit
		// due.
		long visited = account(this.kam, "VIP visited");
		this.api
			.post(this.kam, "/api/v1/accounts/" + visited + "/activities",
					json("type", "VISIT", "occurredAt", this.today.atTime(9, 0).toString(), "summary",
							"With the director", "participants", List.of(this.director)))
			.expect(201);
		ranked(Map.of(vip, "VIP", visited, "VIP"));
		String plan = this.api.page(this.kam, "/plan?status=overdue").expect(200).text();
		assertThat(section(plan, "plan-accounts")).contains("data-account=\"" + vip + "\"");
		assertThat(section(plan, "plan-executive-visits")).contains("data-account=\"" + vip + "\"")
			.doesNotContain("data-account=\"" + visited + "\"");
		assertThat(this.api.page(this.director, "/plan?scope=all&status=overdue").expect(200).text())
			.contains("id=\"plan-groups\"");
		assertThat(this.api.page(this.kam, "/plan/calendar?month=" + dueOn.substring(0, 7)).expect(200).text())
			.contains("data-account=\"" + vip + "\"");
		this.api.page(this.kam, "/plan?scope=all").expect(403);
		// A manager opens the plan on the team (a director on everyone), so the overdue
		// VIP is on the page they land on; a KAM on their own.
		assertThat(section(this.api.page(this.manager, "/plan?status=overdue").expect(200).text(), "plan-accounts"))
			.contains("data-account=\"" + vip + "\"");
		assertThat(section(this.api.page(this.otherKam, "/plan?status=overdue").expect(200).text(), "plan-accounts"))
			.doesNotContain("data-account=\"" + vip + "\"");

		// The manager's counts per person and the director's per team include it.
		Response team = this.api.get(this.manager, "/api/v1/contact-plan?scope=team&status=overdue").expect(200);
		assertThat(groups(team)).containsEntry("Test " + this.kam, 1L).doesNotContainKey("Test " + this.otherKam);
		Response company = this.api.get(this.director, "/api/v1/contact-plan?scope=all&status=overdue&size=1")
			.expect(200);
		assertThat(groups(company)).containsEntry(this.team, 1L);

		assertThat(items(this.api.get(this.otherKam, "/api/v1/contact-plan?scope=mine&status=overdue")))
			.doesNotContainKey(vip);
		assertThat(items(this.api.get(this.otherManager, "/api/v1/contact-plan?scope=team&status=overdue&size=500")))
			.doesNotContainKey(vip);
		// Scopes beyond the reader's role are refused, not narrowed; unknown ones are bad
		// input.
		this.api.get(this.kam, "/api/v1/contact-plan?scope=all").expect(403);
		this.api.get(this.kam, "/api/v1/contact-plan?scope=team").expect(403);
		this.api.get(this.manager, "/api/v1/contact-plan?scope=all").expect(403);
		assertThat(this.api.get(this.kam, "/api/v1/contact-plan?scope=company").expect(400).errorFields())
			.containsExactly("scope");
		assertThat(this.api.get(this.kam, "/api/v1/contact-plan?status=late").expect(400).errorFields())
			.containsExactly("status");
	}

	@Test
	void theCalendarFeedHoldsExactlyTheDueContactsAndARevokedLinkAnswers404() throws Exception {
		long overdue = account(this.kam, "feed overdue");
		contact(this.kam, overdue, this.today.minusDays(40), this.today.minusDays(5));
		long soon = account(this.kam, "feed soon");
		contact(this.kam, soon, this.today.minusDays(1), this.today.plusDays(3));
		long later = account(this.kam, "feed later");
		contact(this.kam, later, this.today.minusDays(1), this.today.plusDays(HomeQueries.DUE_WITHIN_DAYS + 5));
		long colleagues = account(this.otherKam, "feed colleague");
		contact(this.otherKam, colleagues, this.today.minusDays(40), this.today.minusDays(5));

		long kamId = this.jdbc.sql("select id from app_user where username = :kam")
			.param("kam", this.kam)
			.query(Long.class)
			.single();
		String token = this.feeds.issue(kamId);
		String path = "/feeds/calendar/" + token + ".ics";
		assertThat(this.jdbc.sql("select token_hash from calendar_feed where token_hash = :token")
			.param("token", token)
			.query(String.class)
			.optional()).as("stored hashed, never as issued").isEmpty();

		Response feed = this.api.send(null, null, "GET", path, null).expect(200);
		Calendar calendar = new CalendarBuilder().build(new StringReader(feed.text()));
		Map<String, String> events = new HashMap<>();
		for (Object component : calendar.getComponents("VEVENT")) {
			VEvent event = (VEvent) component;
			events.put(event.getUid().get().getValue(), event.getDateTimeStart().getValue());
		}
		// Every account of the KAM's the plan calls due: the overdue one on today.
		Set<String> expectedUids = new TreeSet<>();
		for (JsonNode item : items(this.api.get(this.kam, "/api/v1/contact-plan?scope=mine&status=due&size=500"))
			.values()) {
			expectedUids.add("contact-" + item.get("accountId").asLong() + "@dakehu");
		}
		assertThat(new TreeSet<>(events.keySet())).isEqualTo(expectedUids);
		assertThat(events).containsEntry("contact-" + overdue + "@dakehu", basic(this.today))
			.containsEntry("contact-" + soon + "@dakehu", basic(this.today.plusDays(3)))
			.doesNotContainKey("contact-" + later + "@dakehu")
			.doesNotContainKey("contact-" + colleagues + "@dakehu");

		// A new link retires the old one; a revoked link is gone.
		String renewed = this.feeds.issue(kamId);
		this.api.send(null, null, "GET", path, null).expect(404);
		this.api.send(null, null, "GET", "/feeds/calendar/" + renewed + ".ics", null).expect(200);
		this.feeds.revoke(kamId);
		this.api.send(null, null, "GET", "/feeds/calendar/" + renewed + ".ics", null).expect(404);
		assertThat(this.jdbc
			.sql("select count(*) from calendar_feed f join app_user u on u.id = f.user_id"
					+ " where u.username = :kam")
			.param("kam", this.kam)
			.query(Long.class)
			.single()).isZero();
		this.api.send(null, null, "GET", "/feeds/calendar/not-a-token.ics", null).expect(404);
	}

	@Test
	void theCalendarFeedSpeaksTheLanguageItsLinkNames() throws Exception {
		long kamId = this.jdbc.sql("select id from app_user where username = :kam")
			.param("kam", this.kam)
			.query(Long.class)
			.single();
		String path = "/feeds/calendar/" + this.feeds.issue(kamId) + ".ics";
		Calendar chinese = new CalendarBuilder()
			.build(new StringReader(this.api.send(null, null, "GET", path + "?lang=zh_CN", null).expect(200).text()));
		assertThat(chinese.getProperty("X-WR-CALNAME").orElseThrow().getValue()).isEqualTo("大客户到期联络");
		Calendar english = new CalendarBuilder()
			.build(new StringReader(this.api.send(null, null, "GET", path + "?lang=en", null).expect(200).text()));
		assertThat(english.getProperty("X-WR-CALNAME").orElseThrow().getValue()).isEqualTo("Dakehu contacts due");
		this.feeds.revoke(kamId);
	}

	@Test
	void theToDoListsTodaysContactsAndOpportunitiesPastTheirCloseDate() {
		long dueToday = account(this.kam, "todo today");
		contact(this.kam, dueToday, this.today.minusDays(2), this.today);
		long overdue = account(this.kam, "todo overdue");
		contact(this.kam, overdue, this.today.minusDays(9), this.today.minusDays(1));
		long tomorrow = account(this.kam, "todo tomorrow");
		contact(this.kam, tomorrow, this.today.minusDays(2), this.today.plusDays(1));
		long late = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", dueToday, "name", "late deal", "amount", 1000, "expectedCloseDate",
							this.today.minusDays(2).toString()))
			.expect(201)
			.id();
		this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", dueToday, "name", "on time", "amount", 1000, "expectedCloseDate",
							this.today.plusDays(10).toString()))
			.expect(201);

		// A complaint received three days ago is past its response time whatever the
		// tier; another, resolved with its return visit today, waits for that visit.
		long complaint = this.api
			.post(this.kam, "/api/v1/complaints",
					json("accountId", overdue, "receivedAt", LocalDateTime.now(this.clock).minusDays(3).toString(),
							"channel", "PHONE", "category", "DELIVERY", "severity", "HIGH", "description", "Late"))
			.expect(201)
			.id();
		Response resolved = this.api
			.post(this.kam, "/api/v1/complaints",
					json("accountId", tomorrow, "channel", "PHONE", "category", "SERVICE", "severity", "LOW",
							"description", "Rude"))
			.expect(201);
		this.api
			.post(this.kam, "/api/v1/complaints/" + resolved.id() + "/resolve",
					json("resolution", "Apologised", "rootCause", "Training", "returnVisitDue", this.today.toString(),
							"version", resolved.version()))
			.expect(200);

		// Rated this quarter, one account is off the ratings part; the other two are on
		// it.
		LocalDate quarterStart = this.today.withDayOfMonth(1).withMonth(((this.today.getMonthValue() - 1) / 3) * 3 + 1);
		String quarter = this.today.getYear() + "-Q" + ((this.today.getMonthValue() - 1) / 3 + 1);
		this.api
			.post(this.kam, "/api/v1/accounts/" + dueToday + "/credit-ratings",
					json("quarter", quarter, "inputs", ratingInputs()))
			.expect(201);

		JsonNode todo = this.api.get(this.kam, "/api/v1/me/todo").expect(200).body();
		List<Long> contacts = new ArrayList<>();
		todo.get("contacts").get("items").forEach((item) -> contacts.add(item.get("accountId").asLong()));
		assertThat(contacts).containsExactly(overdue, dueToday);
		assertThat(todo.get("contacts").get("count").asLong()).isEqualTo(2);
		assertThat(todo.get("contacts").get("items").get(0).get("action").asString())
			.isEqualTo("/api/v1/accounts/" + overdue + "/activities");
		List<Long> opportunities = new ArrayList<>();
		todo.get("opportunities").get("items").forEach((item) -> opportunities.add(item.get("id").asLong()));
		assertThat(opportunities).containsExactly(late);
		assertThat(todo.get("complaints").get("items").get(0).get("id").asLong()).isEqualTo(complaint);
		assertThat(todo.get("complaints").get("count").asLong()).isEqualTo(1);
		assertThat(todo.get("complaints").get("items").get(0).get("overdue").asBoolean()).isTrue();
		assertThat(todo.get("returnVisits").get("items").get(0).get("id").asLong()).isEqualTo(resolved.id());
		assertThat(todo.get("returnVisits").get("count").asLong()).isEqualTo(1);
		List<Long> ratings = new ArrayList<>();
		todo.get("ratings").get("items").forEach((item) -> ratings.add(item.get("accountId").asLong()));
		assertThat(ratings).containsExactlyInAnyOrder(overdue, tomorrow);
		assertThat(todo.get("ratings").get("count").asLong()).isEqualTo(2);
		JsonNode rating = todo.get("ratings").get("items").get(0);
		LocalDate dueBy = quarterStart.plusMonths(1).minusDays(1);
		assertThat(rating.get("quarter").asString()).isEqualTo(quarter);
		assertThat(rating.get("dueBy").asString()).isEqualTo(dueBy.toString());
		assertThat(rating.get("overdue").asBoolean()).isEqualTo(this.today.isAfter(dueBy));
		assertThat(rating.get("lastGrade").isNull()).isTrue();
		assertThat(rating.get("action").asString())
			.isEqualTo("/api/v1/accounts/" + rating.get("accountId").asLong() + "/credit-ratings");
		assertThat(todo.get("count").asLong()).isEqualTo(2 + 1 + 1 + 2 + 1);

		// The page and the navigation badge say the same.
		String page = this.api.page(this.kam, "/todo").expect(200).text();
		assertThat(page).contains("data-account=\"" + overdue + "\"")
			.contains("data-opportunity=\"" + late + "\"")
			.contains("data-complaint=\"" + complaint + "\"")
			.contains("data-complaint=\"" + resolved.id() + "\"")
			.doesNotContain("data-account=\"" + tomorrow + "\"");
		String ratingsSection = section(page, "todo-ratings");
		assertThat(ratingsSection).contains("data-rating-account=\"" + overdue + "\"")
			.contains("data-rating-account=\"" + tomorrow + "\"")
			.doesNotContain("data-rating-account=\"" + dueToday + "\"")
			.contains("href=\"/accounts/" + overdue + "\"")
			.contains("href=\"/accounts/" + overdue + "/credit-ratings/new\"");
		// Each item has one action: its button.
		for (String part : List.of("todo-contacts", "todo-complaints", "todo-return-visits", "todo-ratings",
				"todo-receivables", "todo-opportunities")) {
			String shown = section(page, part);
			assertThat(count(shown, "<li class=\"list-group-item d-flex")).as(part)
				.isEqualTo(count(shown, "class=\"btn "));
		}
		assertThat(this.api.page(this.kam, "/todo/badge").expect(200).text()).contains(">7<").doesNotContain("d-none");
		// With nothing to do the badge is there, hidden, so a page waiting for its loaded
		// sections is not kept waiting.
		assertThat(this.api.page(this.given.kam(), "/todo/badge").expect(200).text()).contains(">0<")
			.contains("d-none");
		// Someone else's to-do holds none of it.
		JsonNode others = this.api.get(this.otherKam, "/api/v1/me/todo").expect(200).body();
		assertThat(others.get("count").asLong()).isZero();
	}

	@Test
	void birthdaysAndFirstPurchaseAnniversariesOfTheNextTwoWeeksAreListed() {
		long account = account(this.kam, "occasions");
		this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/contacts",
					json("name", "Birthday person", "birthday", this.today.plusDays(3).minusYears(40).toString()))
			.expect(201);
		this.api
			.post(this.kam, "/api/v1/accounts/" + account + "/contacts",
					json("name", "Later person", "birthday", this.today.plusDays(20).minusYears(30).toString()))
			.expect(201);
		this.jdbc.sql("""
				insert into order_line (account_id, order_date, quantity, amount, source, created_at)
				values (:account, :on, 1, 100, 'test', :at)""")
			.param("account", account)
			.param("on", this.today.plusDays(5).minusYears(2))
			.param("at", Timestamp.valueOf(LocalDateTime.now(this.clock)))
			.update();
		String occasions = section(this.api.page(this.kam, "/plan").expect(200).text(), "plan-occasions");
		assertThat(occasions).contains("Birthday person")
			.doesNotContain("Later person")
			.contains(this.today.plusDays(3).toString())
			.contains(this.today.plusDays(5).toString())
			.contains("2 years since the first purchase");
		assertThat(section(this.api.page(this.otherKam, "/plan").expect(200).text(), "plan-occasions"))
			.doesNotContain("Birthday person");
	}

	/** The element with the given id, up to the end of its section. */
	private static String section(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as(id).isNotNegative();
		return page.substring(start, page.indexOf("</section>", start));
	}

	/** Overdue counts by the group's name. */
	private static Map<String, Long> groups(Response plan) {
		Map<String, Long> groups = new HashMap<>();
		plan.body()
			.get("groups")
			.forEach((group) -> groups.put(group.get("name").asString(), group.get("overdue").asLong()));
		return groups;
	}

	private static int count(String text, String part) {
		int found = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			found++;
		}
		return found;
	}

	/**
	 * Inputs every indicator of the credit card takes that Dakehu does not fill in; the
	 * grade they give does not matter here.
	 */
	private static Map<String, Object> ratingInputs() {
		Map<String, Object> inputs = new HashMap<>();
		Object[] values = { 2, 4, 3, 5, 4, 3, 5, 0, 6, 95, 7, 10, 8, 99, 9, 0, 10, 52.5, 11, 1.6, 12, 0.9, 13, 7, 14, 5,
				16, 4, 17, 5, 18, 12, 19, 9, 20, 5 };
		for (int i = 0; i < values.length; i += 2) {
			inputs.put(String.valueOf(values[i]), values[i + 1]);
		}
		return inputs;
	}

	private static String basic(LocalDate day) {
		return day.toString().replace("-", "");
	}

	private Map<Long, JsonNode> items(Response response) {
		response.expect(200);
		Map<Long, JsonNode> items = new LinkedHashMap<>();
		response.body().get("items").forEach((item) -> items.put(item.get("accountId").asLong(), item));
		return items;
	}

	private long account(String owner, String name) {
		return this.given.accountOwnedBy(owner, Fixtures.unique("Plan " + name)).id();
	}

	private void contact(String user, long account, LocalDate on, LocalDate next) {
		this.api
			.post(user, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", on.atTime(10, 0).toString(), "summary", "Visit",
							"nextContactDate", (next != null) ? next.toString() : null))
			.expect(201);
	}

	private void ranked(Map<Long, String> classes) {
		this.runs.rank(this.today, classes);
	}

}
