package io.dakehu.home;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.HomeQueries.DueCounts;
import io.dakehu.home.HomeQueries.Window;
import io.dakehu.identity.RecordScope;
import io.dakehu.segmentation.TiersChanged;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The due-day read model (decision 0035) against the definition (DOMAIN.md §10.2): after
 * each change of an input — a contact logged, a planned date edited, a tier changed by a
 * run, the owner changed, two accounts merged, an account archived — the lists show
 * exactly the due days worked out here from the last contact, the plan and the tier's
 * cadence, and the rows kept one account at a time equal a recomputation of the whole
 * table. "Today" is the application's clock.
 */
abstract class DueDaysTests extends ApiTestSupport {

	@Autowired
	Clock clock;

	@Autowired
	DueDays dueDays;

	@Autowired
	HomeQueries home;

	@Autowired
	OwnerDueCounts ownerCounts;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactions;

	LocalDate today;

	String kam;

	String otherKam;

	String manager;

	Map<String, Integer> cadence;

	final List<Long> runs = new ArrayList<>();

	/** What the test wrote, per account: the definition's inputs. */
	final Map<Long, Inputs> accounts = new HashMap<>();

	@BeforeEach
	void people() {
		this.today = LocalDate.now(this.clock);
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, this.manager);
		this.otherKam = this.given.kam(team, this.manager);
		this.cadence = new HashMap<>();
		for (JsonNode level : this.api.get(this.kam, "/api/v1/service-levels").expect(200).items()) {
			this.cadence.put(level.get("tier").asString(), level.get("cadenceDays").asInt());
		}
	}

	@AfterEach
	void forgetRuns() {
		for (long run : this.runs) {
			this.jdbc.sql("delete from segmentation_snapshot where run_id = :run").param("run", run).update();
			this.jdbc.sql("delete from segmentation_run where id = :run").param("run", run).update();
		}
		if (!this.runs.isEmpty()) {
			this.events.publishEvent(TiersChanged.everyAccount());
		}
		this.runs.clear();
	}

	@Test
	void theDueDaysFollowEveryChangeOfTheirInputs() {
		long called = open(this.kam, "called");
		long planned = open(this.kam, "planned");
		long silent = open(this.kam, "silent");
		contact(called, this.today.minusDays(20), null);
		long plan = contact(planned, this.today.minusDays(3), this.today.plusDays(2));
		expectBooks();
		// Never contacted: due today, so on the list but not overdue.
		assertThat(dueOf(this.kam, silent).dueOn()).isEqualTo(this.today);
		assertThat(dueOf(this.kam, silent).overdue()).isFalse();

		// A contact logged restarts the cadence; one logged with an earlier plan is due
		// on the plan.
		contact(called, this.today.minusDays(1), null);
		expectBooks();

		// The plan moved into the past: overdue from today.
		editPlan(plan, this.today.minusDays(3), this.today.minusDays(1));
		this.accounts.get(planned).next = this.today.minusDays(1);
		expectBooks();
		assertThat(overdue(this.kam)).contains(planned).doesNotContain(called, silent);

		// A run makes one a VIP and the other Major: each takes its tier's cadence.
		ranked(Map.of(called, "VIP", planned, "MAJOR"));
		expectBooks();
		// The next run moves one to Ordinary and ranks the other no more: Small again.
		ranked(Map.of(planned, "ORDINARY"));
		this.accounts.get(called).tier = "SMALL";
		expectBooks();
		ranked(Map.of(called, "VIP", planned, "MAJOR"));
		expectBooks();

		// Another owner: the account leaves one book and joins the other's.
		reassign(called, this.otherKam);
		expectBooks();
		assertThat(dueOf(this.kam, called)).isNull();

		// A merge: the survivor takes the absorbed account's contacts, and the absorbed
		// account, now a tombstone, leaves every list.
		merge(planned, silent);
		expectBooks();
		assertThat(dueOf(this.kam, planned)).isNull();
		assertThat(overdue(this.kam)).contains(silent);

		// Archived: gone.
		this.api.delete(this.otherKam, "/api/v1/accounts/" + called).expect(204);
		this.accounts.remove(called);
		expectBooks();
		assertThat(dueOf(this.otherKam, called)).isNull();
		// A run after it: the archived and the merged account, ranked by the run before
		// and not by this one, are among its moves and stay off every list.
		ranked(Map.of(silent, "MAJOR"));
		expectBooks();
		assertThat(dueOf(this.otherKam, called)).isNull();
		assertThat(dueOf(this.kam, planned)).isNull();

		// The rows kept one account at a time are the rows a full recomputation writes,
		// and a recomputation puts right rows written around the application: one
		// missing, one with another tier and due day, one of an account no longer live.
		long other = open(this.kam, "retiered");
		Map<Long, String> kept = rows();
		this.jdbc.sql("delete from home_due_day where account_id = :id").param("id", silent).update();
		this.jdbc.sql("update home_due_day set tier = 'VIP', due_on = :day where account_id = :id")
			.param("day", this.today.minusYears(3))
			.param("id", other)
			.update();
		this.jdbc.sql("""
				insert into home_due_day (account_id, owner_id, account_name, tier, due_on)
				values (:id, :owner, 'Archived', 'SMALL', :day)""")
			.param("id", called)
			.param("owner", userId(this.otherKam))
			.param("day", this.today)
			.update();
		assertThat(rows()).isNotEqualTo(kept);
		this.dueDays.rebuild();
		assertThat(rows()).isEqualTo(kept);
	}

	@Test
	void aRebuildRaisesTheOwnersVersionsSoTheirRememberedCountsAreCountedAgain() {
		long late = open(this.kam, "late");
		contact(late, this.today.minusDays(400), null);
		long kamId = userId(this.kam);
		RecordScope scope = new RecordScope(kamId, false, Set.of(kamId));
		assertThat(this.home.dueCounts(scope, Set.of(kamId)).get(kamId).overdue()).isEqualTo(1);
		// The last contact moved to today around the application: the read model learns
		// it from a rebuild, and the counts with it.
		this.jdbc.sql("update activity_last_contact set last_contact_at = :now where account_id = :id")
			.param("now", Timestamp.valueOf(this.today.atTime(9, 0)))
			.param("id", late)
			.update();
		assertThat(this.home.dueCounts(scope, Set.of(kamId)).get(kamId).overdue()).isEqualTo(1);
		this.dueDays.rebuild();
		assertThat(this.home.dueCounts(scope, Set.of(kamId))).doesNotContainKey(kamId);
	}

	@Test
	void countsReadWithoutATransactionAreRememberedUntilTheOwnersVersionMoves() {
		long late = open(this.kam, "remembered");
		contact(late, this.today.minusDays(400), null);
		long kamId = userId(this.kam);
		RecordScope scope = new RecordScope(kamId, false, Set.of(kamId));
		// Read as a contact-plan request reads them: no transaction around the call.
		assertThat(this.home.dueCounts(scope, Set.of(kamId)).get(kamId).overdue()).isEqualTo(1);
		try {
			// The row changed around DueDays, the owner's version not raised: the counts
			// remembered stand, until the version moves.
			this.jdbc.sql("update home_due_day set due_on = :later where account_id = :id")
				.param("later", this.today.plusDays(30))
				.param("id", late)
				.update();
			assertThat(this.home.dueCounts(scope, Set.of(kamId)).get(kamId)).isNotNull()
				.extracting(DueCounts::overdue)
				.isEqualTo(1L);
			this.ownerCounts.changed(Set.of(kamId));
			assertThat(this.home.dueCounts(scope, Set.of(kamId))).doesNotContainKey(kamId);
		}
		finally {
			// Put right, as the other tests expect the rows the application keeps.
			this.dueDays.rebuild();
		}
		assertThat(this.home.dueCounts(scope, Set.of(kamId)).get(kamId).overdue()).isEqualTo(1);
	}

	@Test
	void anAccountSharedThroughItsTeamIsInTheMembersBookButNotInTheirOwnersList() {
		long shared = open(this.otherKam, "shared");
		contact(shared, this.today.minusDays(400), null);
		Response account = this.api.get(this.otherKam, "/api/v1/accounts/" + shared).expect(200);
		this.api
			.put(this.otherKam, "/api/v1/accounts/" + shared,
					json("name", account.text("name"), "team", List.of(this.kam), "version", account.version()))
			.expect(200);
		long kamId = userId(this.kam);
		long otherId = userId(this.otherKam);
		RecordScope kamScope = new RecordScope(kamId, false, Set.of(kamId));
		// The KAM's whole book holds it; the list of the accounts the KAM owns does not.
		assertThat(ids(this.home.due(kamScope, null, null, Window.OVERDUE, new PageRequest(0, 200)))).contains(shared);
		assertThat(ids(this.home.due(kamScope, Set.of(kamId), null, Window.OVERDUE, new PageRequest(0, 200))))
			.doesNotContain(shared);
		assertThat(ids(this.home.due(kamScope, Set.of(otherId), null, Window.OVERDUE, new PageRequest(0, 200))))
			.contains(shared);
		assertThat(this.home.dueCounts(kamScope, null).get(otherId).overdue()).isEqualTo(1);
	}

	/**
	 * Each owner's list holds exactly the test's accounts it should, on their due days.
	 */
	private void expectBooks() {
		for (String owner : List.of(this.kam, this.otherKam)) {
			Map<Long, LocalDate> expected = new HashMap<>();
			this.accounts.forEach((id, inputs) -> {
				if (inputs.owner.equals(owner)) {
					expected.put(id, inputs.dueOn(this.cadence, this.today));
				}
			});
			Map<Long, LocalDate> shown = new HashMap<>();
			for (DueContact due : book(owner)) {
				if (this.accounts.containsKey(due.accountId()) || expected.containsKey(due.accountId())) {
					shown.put(due.accountId(), due.dueOn());
				}
			}
			assertThat(shown).as(owner).isEqualTo(expected);
			for (DueContact due : book(owner)) {
				Inputs inputs = this.accounts.get(due.accountId());
				assertThat(due.overdue()).isEqualTo(due.dueOn().isBefore(this.today));
				assertThat(due.tier()).isEqualTo(inputs.tier);
				// The latest contact shown, and the next contact it planned, as written.
				assertThat(due.lastContact()).as("last contact of %d", due.accountId()).isEqualTo(inputs.last);
				assertThat(due.nextContact()).as("planned contact of %d", due.accountId()).isEqualTo(inputs.next);
			}
		}
	}

	private List<DueContact> book(String owner) {
		long id = userId(owner);
		return this.home
			.due(new RecordScope(id, false, Set.of(id)), Set.of(id), null, Window.ANY, new PageRequest(0, 200))
			.content();
	}

	private DueContact dueOf(String owner, long account) {
		return book(owner).stream().filter((due) -> due.accountId() == account).findFirst().orElse(null);
	}

	private List<Long> overdue(String owner) {
		List<Long> ids = new ArrayList<>();
		this.api.get(owner, "/api/v1/contact-plan?scope=mine&status=overdue&size=200")
			.expect(200)
			.body()
			.get("items")
			.forEach((item) -> ids.add(item.get("accountId").asLong()));
		return ids;
	}

	private static List<Long> ids(io.dakehu.shared.PageResult<DueContact> page) {
		return page.content().stream().map(DueContact::accountId).toList();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	private Map<Long, String> rows() {
		Map<Long, String> rows = new HashMap<>();
		this.jdbc
			.sql("select account_id, owner_id, account_name, tier, due_on, last_contact_at, next_contact_date"
					+ " from home_due_day")
			.query((rs, n) -> rows.put(rs.getLong(1),
					rs.getLong(2) + "|" + rs.getString(3) + "|" + rs.getString(4).strip() + "|" + rs.getObject(5) + "|"
							+ rs.getObject(6) + "|" + rs.getObject(7)))
			.list();
		return rows;
	}

	long open(String owner, String name) {
		long id = this.given.accountOwnedBy(owner, Fixtures.unique("Due " + name)).id();
		this.accounts.put(id, new Inputs(owner));
		return id;
	}

	long contact(long account, LocalDate on, LocalDate next) {
		Inputs inputs = this.accounts.get(account);
		long id = this.api
			.post(inputs.owner, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", on.atTime(10, 0).toString(), "summary", "Visit",
							"nextContactDate", (next != null) ? next.toString() : null))
			.expect(201)
			.id();
		inputs.last = on;
		inputs.next = next;
		return id;
	}

	private void editPlan(long activity, LocalDate on, LocalDate next) {
		Response read = this.api.get(this.kam, "/api/v1/activities/" + activity).expect(200);
		this.api
			.put(this.kam, "/api/v1/activities/" + activity,
					json("type", "VISIT", "occurredAt", on.atTime(10, 0).toString(), "summary", "Visit",
							"nextContactDate", next.toString(), "version", read.version()))
			.expect(200);
	}

	private void reassign(long account, String owner) {
		Inputs inputs = this.accounts.get(account);
		// Their manager gives it away; a KAM may not.
		Response read = this.api.get(this.manager, "/api/v1/accounts/" + account).expect(200);
		this.api
			.put(this.manager, "/api/v1/accounts/" + account,
					json("name", read.text("name"), "owner", owner, "version", read.version()))
			.expect(200);
		inputs.owner = owner;
	}

	private void merge(long absorbed, long survivor) {
		Inputs from = this.accounts.get(absorbed);
		int version = this.api.get(from.owner, "/api/v1/accounts/" + absorbed).expect(200).version();
		this.api.post(from.owner, "/api/v1/accounts/" + absorbed + "/merge", json("into", survivor, "version", version))
			.expect(200);
		Inputs into = this.accounts.get(survivor);
		into.last = from.last;
		into.next = from.next;
		// The snapshot rows follow the survivor only where it had none: it keeps its own
		// tier (Small, unranked) as the segmentation module decides, read back here.
		into.tier = this.jdbc.sql(
				"select coalesce(max(tier), 'SMALL') from segmentation_snapshot where account_id = :a and run_id = :run")
			.param("a", survivor)
			.param("run", this.runs.get(this.runs.size() - 1))
			.query(String.class)
			.single()
			.strip();
		this.accounts.remove(absorbed);
	}

	/** A company-wide run, the latest, ranking the given accounts in the given tiers. */
	private void ranked(Map<Long, String> tiers) {
		this.jdbc.sql("""
				insert into segmentation_run (period_from, period_to, prior_from, prior_to, measure, vip_percent,
				    major_percent, ordinary_percent, abc_a_percent, abc_b_percent, growth_percent,
				    clv_discount_percent, clv_horizon_years, started_by, started_at)
				values (:from, :to, :priorFrom, :priorTo, 'REVENUE', 1, 5, 20, 80, 95, 20, 8, 5, 'test', :at)""")
			.param("from", this.today.minusYears(1))
			.param("to", this.today)
			.param("priorFrom", this.today.minusYears(2))
			.param("priorTo", this.today.minusYears(1))
			.param("at", Timestamp.valueOf(LocalDateTime.now().plusSeconds(1)))
			.update();
		long run = this.jdbc.sql("select max(id) from segmentation_run").query(Long.class).single();
		this.runs.add(run);
		long rank = 1;
		for (Map.Entry<Long, String> entry : tiers.entrySet()) {
			this.jdbc.sql("""
					insert into segmentation_snapshot (run_id, account_id, rank_no, amount, revenue, margin,
					    prior_amount, cumulative_amount, tier, abc, abc_rule, value_growth, contact_cost, net_profit,
					    clv)
					values (:run, :account, :rank, 100, 100, 10, 100, 100, :tier, 'C', 'C', 'STABLE', 0, 10, 10)""")
				.param("run", run)
				.param("account", entry.getKey())
				.param("rank", rank++)
				.param("tier", entry.getValue())
				.update();
			this.accounts.get(entry.getKey()).tier = entry.getValue();
		}
		// What a company-wide run announces when it has written its snapshot: the
		// accounts it moved from the previous run's tiers.
		long previous = this.jdbc
			.sql("select id from segmentation_run where population is null and id <> :run"
					+ " order by started_at desc, id desc limit 1")
			.param("run", run)
			.query(Long.class)
			.optional()
			.orElse(-1L);
		// Inside a transaction, as the run publishes it (the moves are read before it
		// commits).
		new TransactionTemplate(this.transactions)
			.executeWithoutResult((status) -> this.events.publishEvent(TiersChanged.afterRun(run, previous)));
	}

	/** The definition's inputs of one account, as the test wrote them. */
	static final class Inputs {

		String owner;

		LocalDate last;

		LocalDate next;

		String tier = "SMALL";

		Inputs(String owner) {
			this.owner = owner;
		}

		/**
		 * The earlier of the last contact plus the tier's cadence and a plan after that
		 * contact; today when never contacted.
		 */
		LocalDate dueOn(Map<String, Integer> cadence, LocalDate today) {
			if (this.last == null) {
				return today;
			}
			LocalDate due = this.last.plusDays(cadence.get(this.tier));
			if (this.next != null && this.next.isAfter(this.last) && this.next.isBefore(due)) {
				due = this.next;
			}
			return due;
		}

	}

}
