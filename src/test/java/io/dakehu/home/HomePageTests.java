package io.dakehu.home;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page per role on a small world built here: a team of two KAMs under one
 * manager, with contacts, plans, deals and an assessment on dates relative to today.
 * Every expected figure is worked out in this class from what it wrote (the due rule of
 * DOMAIN.md §10.2, the stage probabilities, the quota), never read back from the page's
 * own code.
 */
abstract class HomePageTests extends ApiTestSupport {

	private static final Pattern ACCOUNT = Pattern.compile("data-account=\"(\\d+)\"");

	private static final Pattern OPPORTUNITY = Pattern.compile("data-opportunity=\"(\\d+)\"");

	@Autowired
	OrderLedger ledger;

	final LocalDate today = LocalDate.now();

	String manager;

	String kam;

	String colleague;

	long kamId;

	long colleagueId;

	/** The KAM's accounts in creation order, and what the due rule says of each. */
	final List<Book> book = new ArrayList<>();

	long sharedAccount;

	final List<Deal> deals = new ArrayList<>();

	long colleagueDeal;

	BigDecimal quota = new BigDecimal("100000");

	@BeforeAll
	void buildTheTeam() {
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, this.manager);
		this.colleague = this.given.kam(team, this.manager);
		this.kamId = userId(this.kam);
		this.colleagueId = userId(this.colleague);
		String prefix = Fixtures.unique("Home");
		// Accounts without purchases are never ranked, so each is Small (DOMAIN.md
		// §10.1) whatever other tests' runs say.
		account(prefix + " A1", this.today.minusDays(400), null);
		account(prefix + " A2", this.today.minusDays(10), this.today.plusDays(3));
		account(prefix + " A3", this.today.minusDays(5), this.today.minusDays(2));
		account(prefix + " A4", this.today.minusDays(1), null);
		account(prefix + " A5", null, null);
		// Logged after the day it planned: the contact itself met that plan.
		account(prefix + " A6", this.today.minusDays(3), this.today.minusDays(5));
		this.api
			.post(this.kam, "/api/v1/accounts/" + this.book.get(3).id + "/relationship-assessments",
					json("personal", 1, "company", 1, "assessedOn", this.today.toString(), "evidence", "First meeting"))
			.expect(201);
		this.sharedAccount = this.given
			.account(Api.ADMIN, json("name", prefix + " Shared", "owner", this.colleague, "team", List.of(this.kam)))
			.id();

		long a1 = this.book.get(0).id;
		deal(a1, "closing passed", "10000", this.today.minusDays(1), 0, true);
		deal(a1, "on track", "20000", this.today.plusDays(20), 0, false);
		deal(a1, "sitting still", "30000", this.today.plusDays(60), 45, true);
		long won = deal(a1, "won", "40000", this.today.plusDays(5), 0, false);
		this.api
			.post(this.kam, "/api/v1/opportunities/" + won + "/win",
					json("amount", 40000, "closeDate", this.today.toString(), "version",
							this.api.get(this.kam, "/api/v1/opportunities/" + won).version()))
			.expect(200);
		this.deals.get(this.deals.size() - 1).won = true;
		this.colleagueDeal = this.api
			.post(this.colleague, "/api/v1/opportunities",
					json("accountId", this.sharedAccount, "name", "colleague's", "amount", 5000, "expectedCloseDate",
							this.today.minusDays(3).toString()))
			.expect(201)
			.id();
		LocalDate yearStart = this.today.withDayOfYear(1);
		this.api
			.post(this.manager, "/api/v1/quotas",
					json("salesperson", this.kam, "from", yearStart.toString(), "to",
							yearStart.withDayOfYear(yearStart.lengthOfYear()).toString(), "amount", this.quota))
			.expect(200);
	}

	@Test
	void aKamSeesTheirDayAndNothingOfAColleague() {
		String page = this.api.page(this.kam, "/").expect(200).text();

		// Due: overdue, or due within a week, soonest first, then by name.
		Map<Long, LocalDate> dueOn = new java.util.HashMap<>();
		this.book.forEach((b) -> dueOn.put(b.id, due(b)));
		List<Long> due = this.book.stream()
			.filter((b) -> !dueOn.get(b.id).isAfter(this.today.plusDays(HomeQueries.DUE_WITHIN_DAYS)))
			.sorted(Comparator.comparing((Book b) -> dueOn.get(b.id)).thenComparing((b) -> b.name))
			.map((b) -> b.id)
			.toList();
		assertThat(ids(section(page, "contacts-due"), ACCOUNT)).containsExactlyElementsOf(due);
		long overdue = this.book.stream().filter((b) -> dueOn.get(b.id).isBefore(this.today)).count();
		assertThat(overdue).isPositive();
		assertThat(section(page, "contacts-due")).contains(overdue + " overdue");
		assertThat(ids(section(page, "contacts-due"), ACCOUNT)).doesNotContain(this.sharedAccount);

		List<Long> toMove = this.deals.stream().filter((d) -> d.toMove).map((d) -> d.id).toList();
		assertThat(ids(section(page, "deals-to-move"), OPPORTUNITY)).containsExactlyElementsOf(toMove)
			.doesNotContain(this.colleagueDeal);

		List<Long> unassessed = this.book.stream().filter((b) -> b != this.book.get(3)).map((b) -> b.id).toList();
		assertThat(ids(section(page, "unassessed"), ACCOUNT)).containsExactlyElementsOf(unassessed);

		String plan = section(page, "contact-plan");
		for (String tier : List.of("VIP", "MAJOR", "ORDINARY", "SMALL")) {
			List<Book> ofTier = this.book.stream()
				.filter((b) -> standing(b.id).get("tier").asString().equals(tier))
				.toList();
			String line = row(plan, "data-tier=\"" + tier + "\"");
			assertThat(cell(line, "dk-plan-accounts")).as(tier).isEqualTo(Integer.toString(ofTier.size()));
			assertThat(cell(line, "dk-plan-overdue")).as(tier)
				.isEqualTo(Long.toString(ofTier.stream().filter((b) -> dueOn.get(b.id).isBefore(this.today)).count()));
		}

		// The lists behind the panels, and a colleague's deals stay out of reach.
		assertThat(ids(this.api.page(this.kam, "/home/contacts?window=OVERDUE").expect(200).text(), ACCOUNT))
			.containsExactlyElementsOf(due.subList(0, (int) overdue));
		assertThat(ids(this.api.page(this.kam, "/home/deals").expect(200).text(), OPPORTUNITY))
			.containsExactlyElementsOf(toMove);
		assertThat(
				ids(this.api.page(this.kam, "/home/deals?owner=" + this.colleagueId).expect(200).text(), OPPORTUNITY))
			.isEmpty();
		assertThat(ids(this.api.page(this.kam, "/home/unassessed").expect(200).text(), ACCOUNT))
			.containsExactlyElementsOf(unassessed);
	}

	@Test
	void aManagerSeesEachPersonsPipelineForecastAndOverdueCounts() {
		String page = this.api.page(this.manager, "/").expect(200).text();
		Map<String, Integer> probability = probabilities();
		String row = row(section(page, "team"), "data-person=\"" + this.kamId + "\"");

		List<Deal> open = this.deals.stream().filter((d) -> !d.won).toList();
		BigDecimal amount = open.stream().map((d) -> d.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal weighted = open.stream()
			.map((d) -> d.amount.multiply(BigDecimal.valueOf(probability.get("PROBLEM_RECOGNITION"))).movePointLeft(2))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(cell(row, "dk-team-open")).isEqualTo(open.size() + " · " + money(amount));
		assertThat(cell(row, "dk-team-weighted")).isEqualTo(money(weighted));

		int year = this.today.getYear();
		BigDecimal forecast = BigDecimal.ZERO;
		for (Deal deal : this.deals) {
			LocalDate date = deal.won ? this.today : deal.expectedClose;
			if (date.getYear() == year) {
				int percent = deal.won ? probability.get("WON") : probability.get("PROBLEM_RECOGNITION");
				forecast = forecast.add(deal.amount.multiply(BigDecimal.valueOf(percent)).movePointLeft(2));
			}
		}
		assertThat(cell(row, "dk-team-forecast")).isEqualTo(money(forecast));
		assertThat(cell(row, "dk-team-quota")).isEqualTo(money(this.quota));
		assertThat(row).contains(
				forecast.multiply(BigDecimal.valueOf(100)).divide(this.quota, 0, java.math.RoundingMode.HALF_UP) + "%");
		assertThat(cell(row, "dk-team-tomove"))
			.isEqualTo(Long.toString(this.deals.stream().filter((d) -> d.toMove).count()));
		assertThat(cell(row, "dk-team-overdue"))
			.isEqualTo(Long.toString(this.book.stream().filter((b) -> due(b).isBefore(this.today)).count()));

		String colleagueRow = row(section(page, "team"), "data-person=\"" + this.colleagueId + "\"");
		assertThat(cell(colleagueRow, "dk-team-open")).isEqualTo("1 · 5,000");
		assertThat(cell(colleagueRow, "dk-team-tomove")).isEqualTo("1");
		// The shared account was never contacted: due today, not overdue.
		assertThat(cell(colleagueRow, "dk-team-overdue")).isEqualTo("0");

		assertThat(ids(section(page, "deals-to-move"), OPPORTUNITY)).contains(this.colleagueDeal)
			.containsAll(this.deals.stream().filter((d) -> d.toMove).map((d) -> d.id).toList());
		assertThat(ids(section(page, "contacts-due"), ACCOUNT)).containsExactlyElementsOf(this.book.stream()
			.filter((b) -> due(b).isBefore(this.today))
			.sorted(Comparator.comparing((Book b) -> due(b)).thenComparing((b) -> b.name))
			.map((b) -> b.id)
			.toList());
		assertThat(ids(this.api.page(this.manager, "/home/deals?owner=" + this.colleagueId).expect(200).text(),
				OPPORTUNITY))
			.containsExactly(this.colleagueDeal);
	}

	@Test
	void aDirectorSeesTiersMoversAndKeyAccountsAtRisk() {
		String director = this.given.director();
		String owner = this.given.kam();
		long riser = this.given.accountOwnedBy(owner, Fixtures.unique("Rising Star")).id();
		this.api.post(director, "/api/v1/segmentation/runs", json()).expect(201);
		// Above any other account's purchases: rank 1, so VIP in the next run.
		BigDecimal best = this.jdbc
			.sql("select coalesce(max(s.total), 0) from (select sum(amount) as total from order_line"
					+ " group by account_id) s")
			.query(BigDecimal.class)
			.single();
		this.ledger.append(List.of(new NewOrderLine(riser, this.today.minusDays(10), null, BigDecimal.ONE,
				best.add(new BigDecimal("1000000")), null, null, "home-test", Fixtures.unique("order"))));
		long latest = this.api.post(director, "/api/v1/segmentation/runs", json()).expect(201).id();
		this.api
			.post(owner, "/api/v1/accounts/" + riser + "/activities",
					json("type", "PHONE", "occurredAt", this.today.minusDays(40).atTime(9, 0).toString(), "summary",
							"Called", "nextContactDate", this.today.minusDays(3).toString()))
			.expect(201);
		this.api.post(owner, "/api/v1/opportunities", json("accountId", riser, "name", "expansion", "amount", 1000))
			.expect(201);

		String page = this.api.page(director, "/").expect(200).text();
		String tiers = section(page, "tiers");
		for (Map.Entry<String, Long> tier : snapshotTiers(latest).entrySet()) {
			assertThat(cell(row(tiers, "data-tier=\"" + tier.getKey() + "\""), "dk-tier-count")).as(tier.getKey())
				.isEqualTo(Long.toString(tier.getValue()));
		}
		assertThat(ids(section(page, "movers"), ACCOUNT)).first().isEqualTo(riser);
		String risk = row(section(page, "at-risk"), "data-account=\"" + riser + "\"");
		assertThat(standing(riser).get("tier").asString()).isEqualTo("VIP");
		LocalDate byCadence = this.today.minusDays(40).plusDays(cadence("cadenceVip"));
		LocalDate planned = this.today.minusDays(3);
		assertThat(risk).contains("VIP")
			.contains("Overdue since " + (byCadence.isBefore(planned) ? byCadence : planned));
		// No contact known, so nobody decides: one gap in the buying center.
		assertThat(cell(risk, "dk-risk-gaps")).isEqualTo("1 buying-center gap");
		// Contacted yesterday and without deals: never at risk, whatever its tier.
		assertThat(ids(section(page, "at-risk"), ACCOUNT)).doesNotContain(this.book.get(3).id);

		String chinese = this.api.page(director, "/?lang=zh_CN").expect(200).text();
		assertThat(section(chinese, "at-risk")).contains("有风险的大客户");
	}

	@Test
	void theKamsHomeSpeaksChinese() {
		String page = this.api.page(this.kam, "/?lang=zh_CN").expect(200).text();
		assertThat(section(page, "contacts-due")).contains("待联系客户").contains("逾期");
		assertThat(section(page, "deals-to-move")).contains("需推进的商机");
	}

	@Test
	void chineseOfAnyRegionIsShownInSimplifiedChineseAndAnyOtherLanguageInEnglish() {
		for (String chinese : List.of("zh", "zh-TW", "zh_HK", "zh-Hans-CN")) {
			assertThat(section(this.api.page(this.kam, "/?lang=" + chinese).expect(200).text(), "contacts-due"))
				.as(chinese)
				.contains("待联系客户");
		}
		for (String other : List.of("en-GB", "fr", "de_DE")) {
			assertThat(section(this.api.page(this.kam, "/?lang=" + other).expect(200).text(), "contacts-due")).as(other)
				.contains("Contacts due");
		}
	}

	// ---------------------------------------------------------------- set-up

	private void account(String name, LocalDate lastContact, LocalDate planned) {
		long id = this.given.accountOwnedBy(this.kam, name).id();
		if (lastContact != null) {
			this.api
				.post(this.kam, "/api/v1/accounts/" + id + "/activities",
						json("type", "VISIT", "occurredAt", lastContact.atTime(10, 0).toString(), "summary", "Visit",
								"nextContactDate", (planned != null) ? planned.toString() : null))
				.expect(201);
		}
		this.book.add(new Book(id, name, lastContact, planned));
	}

	private long deal(long accountId, String name, String amount, LocalDate expectedClose, int daysInStage,
			boolean toMove) {
		long id = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", accountId, "name", name, "amount", new BigDecimal(amount), "expectedCloseDate",
							expectedClose.toString()))
			.expect(201)
			.id();
		if (daysInStage > 0) {
			this.jdbc.sql("update opportunity set stage_since = :since where id = :id")
				.param("since", LocalDateTime.now().minusDays(daysInStage))
				.param("id", id)
				.update();
		}
		this.deals.add(new Deal(id, new BigDecimal(amount), expectedClose, toMove));
		return id;
	}

	private int cadence(String field) {
		return this.api.get(Api.ADMIN, "/api/v1/segmentation/settings").expect(200).body().get(field).asInt();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	private Map<String, Integer> probabilities() {
		Map<String, Integer> map = new java.util.HashMap<>();
		this.jdbc.sql("select stage, probability from opportunity_stage_probability").query((java.sql.ResultSet rs) -> {
			map.put(rs.getString(1), rs.getInt(2));
		});
		return map;
	}

	private Map<String, Long> snapshotTiers(long run) {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		for (String tier : List.of("VIP", "MAJOR", "ORDINARY", "SMALL")) {
			counts.put(tier, 0L);
		}
		this.jdbc.sql("select tier, count(*) from segmentation_snapshot where run_id = :run group by tier")
			.param("run", run)
			.query((java.sql.ResultSet rs) -> {
				counts.put(rs.getString(1).strip(), rs.getLong(2));
			});
		return counts;
	}

	// ---------------------------------------------------------------- reading the page

	/** The HTML of the section with this id, up to its closing tag. */
	static String section(String page, String id) {
		int start = page.indexOf("id=\"" + id + "\"");
		assertThat(start).as("section " + id).isNotNegative();
		int end = page.indexOf("</section>", start);
		return page.substring(start, end);
	}

	/** The element carrying the marker (a row or list item), up to its end. */
	static String row(String html, String marker) {
		int start = html.indexOf(marker);
		assertThat(start).as(marker).isNotNegative();
		int endRow = html.indexOf("</tr>", start);
		int endItem = html.indexOf("</li>", start);
		int end = (endRow < 0) ? endItem : (endItem < 0) ? endRow : Math.min(endRow, endItem);
		return html.substring(start, (end < 0) ? html.length() : end);
	}

	/** The text of the first element with this class, tags removed. */
	static String cell(String html, String cssClass) {
		Matcher matcher = Pattern.compile("class=\"[^\"]*\\b" + Pattern.quote(cssClass) + "\\b[^\"]*\"[^>]*>(.*?)</")
			.matcher(html);
		assertThat(matcher.find()).as(cssClass).isTrue();
		return matcher.group(1).replaceAll("<[^>]*>", "").strip();
	}

	static List<Long> ids(String html, Pattern pattern) {
		List<Long> ids = new ArrayList<>();
		Matcher matcher = pattern.matcher(html);
		while (matcher.find()) {
			ids.add(Long.parseLong(matcher.group(1)));
		}
		return ids;
	}

	static String money(BigDecimal amount) {
		return String.format(java.util.Locale.ROOT, "%,d",
				amount.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact());
	}

	record Book(long id, String name, LocalDate lastContact, LocalDate planned) {
	}

	/**
	 * DOMAIN.md §10.2: min(last contact + the tier's cadence, the open plan); never
	 * contacted is due today. The tier is the account's standing in the latest run: a won
	 * deal is a purchase, so another test's run may rank an account of the book.
	 */
	private LocalDate due(Book book) {
		if (book.lastContact == null) {
			return this.today;
		}
		LocalDate due = book.lastContact.plusDays(standing(book.id).get("cadenceDays").asInt());
		boolean ahead = book.planned != null && book.planned.isAfter(book.lastContact);
		return (ahead && book.planned.isBefore(due)) ? book.planned : due;
	}

	private JsonNode standing(long accountId) {
		return this.api.get(Api.ADMIN, "/api/v1/accounts/" + accountId + "/standing").expect(200).body();
	}

	static final class Deal {

		final long id;

		final BigDecimal amount;

		final LocalDate expectedClose;

		final boolean toMove;

		boolean won;

		Deal(long id, BigDecimal amount, LocalDate expectedClose, boolean toMove) {
			this.id = id;
			this.amount = amount;
			this.expectedClose = expectedClose;
			this.toMove = toMove;
		}

	}

}
