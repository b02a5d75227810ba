package io.dakehu.pool;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import io.dakehu.shared.DatabaseProduct;
import io.dakehu.account.AccountPool;
import io.dakehu.segmentation.TierSql;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The public pool (DOMAIN.md §13, decision 0032): the rules per tier at their boundary
 * and beside it, VIP never, the warning a week ahead, the claim limit, the 30-day reclaim
 * block, assignment within the manager's team, two runs at once, and what the pool shows
 * to everyone. The runs are dated (the test clock) and limited to the test's own
 * accounts, so the shared database's other accounts stay where they are.
 */
abstract class PoolTests extends ApiTestSupport {

	private static final LocalDate OWNED_SINCE = LocalDate.of(2024, 1, 1);

	@Autowired
	private PoolRules rules;

	@Autowired
	private AccountPool pool;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private DatabaseProduct database;

	@Test
	void eachTierReturnsOnTheDayItsFollowUpDaysRunOutAndNotTheDayBefore() {
		String kam = this.given.kam();
		for (String tier : List.of("SMALL", "ORDINARY", "MAJOR")) {
			int followUpDays = rule(tier).followUpDays();
			LocalDate base = LocalDate.of(2025, 1, 10);
			long account = ownedAccount(kam, tier);
			purchase(kam, account, base);
			visit(kam, account, base);

			runAt(base.plusDays(followUpDays - 1), Map.of(account, tier));
			assertThat(owner(account)).as(tier + " a day before").isNotNull();
			runAt(base.plusDays(followUpDays), Map.of(account, tier));
			assertThat(owner(account)).as(tier + " on the day").isNull();
			assertThat(reason(account)).isEqualTo("NO_FOLLOW_UP");
		}
	}

	@Test
	void eachTierReturnsOnTheDayItsDealDaysRunOutAndNotTheDayBefore() {
		String kam = this.given.kam();
		for (String tier : List.of("SMALL", "ORDINARY", "MAJOR")) {
			PoolRule rule = rule(tier);
			LocalDate bought = LocalDate.of(2024, 6, 1);
			long account = ownedAccount(kam, tier);
			purchase(kam, account, bought);
			// Followed up late enough that the follow-up days run out after the deal
			// days.
			visit(kam, account, bought.plusDays(rule.dealDays() - rule.followUpDays() + 5));

			runAt(bought.plusDays(rule.dealDays() - 1), Map.of(account, tier));
			assertThat(owner(account)).as(tier + " a day before").isNotNull();
			runAt(bought.plusDays(rule.dealDays()), Map.of(account, tier));
			assertThat(owner(account)).as(tier + " on the day").isNull();
			assertThat(reason(account)).isEqualTo("NO_DEAL");
		}
	}

	@Test
	void aVipAccountNeverReturnsByDefaultAndAFreshClaimIsNeverIdle() {
		String kam = this.given.kam();
		long vip = ownedAccount(kam, "VIP");
		long small = ownedAccount(kam, "SMALL");
		// Never followed up, never bought, owned for years.
		runAt(OWNED_SINCE.plusYears(3), Map.of(vip, "VIP", small, "SMALL"));
		assertThat(owner(vip)).isNotNull();
		assertThat(owner(small)).isNull();
		assertThat(reason(small)).isEqualTo("NO_FOLLOW_UP");

		// Claimed again today: its idle days count from today, not from its last visit.
		String other = this.given.kam();
		this.api.post(other, "/api/v1/accounts/" + small + "/claim", json()).expect(200);
		runAt(LocalDate.now().plusDays(rule("SMALL").followUpDays() - 1), Map.of(small, "SMALL"));
		assertThat(owner(small)).isNotNull();
	}

	@Test
	void theOwnerIsWarnedSevenDaysBeforeTheReturnOnce() {
		String kam = this.given.kam();
		long kamId = userId(kam);
		long account = ownedAccount(kam, "SMALL");
		LocalDate base = LocalDate.of(2025, 3, 1);
		purchase(kam, account, base);
		visit(kam, account, base);
		LocalDate due = base.plusDays(rule("SMALL").followUpDays());

		runAt(due.minusDays(8), Map.of(account, "SMALL"));
		assertThat(warnings(kamId, account)).isZero();
		runAt(due.minusDays(7), Map.of(account, "SMALL"));
		assertThat(warnings(kamId, account)).isOne();
		runAt(due.minusDays(6), Map.of(account, "SMALL"));
		assertThat(warnings(kamId, account)).isOne();
		assertThat(this.jdbc.sql("select arguments from notification where recipient_id = :u and link = :l")
			.param("u", kamId)
			.param("l", "/accounts/" + account)
			.query(String.class)
			.single()).contains(due.toString());
		assertThat(owner(account)).isNotNull();

		// The run itself remembers it told the owner: with the notice gone, the next
		// night asks for none.
		this.jdbc.sql("delete from notification where recipient_id = :u and kind = 'pool.warning'")
			.param("u", kamId)
			.update();
		runAt(due.minusDays(5), Map.of(account, "SMALL"));
		assertThat(warnings(kamId, account)).isZero();

		// A follow-up moves the day: the owner is told of the new one, once.
		LocalDate later = due.minusDays(4);
		visit(kam, account, later);
		LocalDate newDue = later.plusDays(rule("SMALL").followUpDays());
		runAt(newDue.minusDays(8), Map.of(account, "SMALL"));
		assertThat(warnings(kamId, account)).isZero();
		runAt(newDue.minusDays(7), Map.of(account, "SMALL"));
		runAt(newDue.minusDays(6), Map.of(account, "SMALL"));
		assertThat(warnings(kamId, account)).isOne();
		assertThat(this.jdbc.sql("select arguments from notification where recipient_id = :u and link = :l")
			.param("u", kamId)
			.param("l", "/accounts/" + account)
			.query(String.class)
			.single()).contains(newDue.toString());
	}

	@Test
	void aClaimBeyondTheMaximumIsRefusedAndTheRefusalLeavesThePoolAsItWas() {
		String kam = this.given.kam();
		this.given.account(kam, json("name", Fixtures.unique("Owned already")));
		long pooled = pooledAccount();
		this.api.put(Api.ADMIN, "/api/v1/pool/limits/" + kam, json("maximum", 1)).expect(200);

		Response refused = this.api.post(kam, "/api/v1/accounts/" + pooled + "/claim", json()).expect(400);
		assertThat(refused.errorFields()).containsExactly("owner");
		assertThat(refused.text()).contains("1");
		assertThat(owner(pooled)).isNull();

		this.api.put(Api.ADMIN, "/api/v1/pool/limits/" + kam, json("maximum", 2)).expect(200);
		Response claimed = this.api.post(kam, "/api/v1/accounts/" + pooled + "/claim", json()).expect(200);
		assertThat(claimed.text("owner")).isEqualTo(kam);
		assertThat(claimed.text("inPool")).isEqualTo("false");
		// Only an administrator sets a maximum.
		this.api.put(kam, "/api/v1/pool/limits/" + kam, json("maximum", 500)).expect(400);
	}

	@Test
	void whoReturnedAnAccountCannotClaimItBackForThirtyDays() {
		String kam = this.given.kam();
		long account = this.given.account(kam, json("name", Fixtures.unique("Given up"))).id();
		this.api.post(kam, "/api/v1/accounts/" + account + "/return-to-pool", json("reason", " ")).expect(400);
		Response returned = this.api
			.post(kam, "/api/v1/accounts/" + account + "/return-to-pool", json("reason", "Moved abroad"))
			.expect(200);
		assertThat(returned.text("owner")).isNull();
		assertThat(returned.text("poolReason")).isEqualTo("RETURNED");
		LocalDate today = LocalDate.now();
		assertThat(blockedUntil(account, userId(kam))).isEqualTo(today.plusDays(29));

		Response refused = this.api.post(kam, "/api/v1/accounts/" + account + "/claim", json()).expect(400);
		assertThat(refused.errorFields()).containsExactly("owner");
		assertThat(refused.text()).contains(today.plusDays(30).toString());
		// The block's last day still refuses; the day after it ends.
		setBlockedUntil(account, userId(kam), today);
		this.api.post(kam, "/api/v1/accounts/" + account + "/claim", json()).expect(400);
		setBlockedUntil(account, userId(kam), today.minusDays(1));
		this.api.post(kam, "/api/v1/accounts/" + account + "/claim", json()).expect(200);
		// Someone else was never blocked.
		String other = this.given.kam();
		this.api.post(kam, "/api/v1/accounts/" + account + "/return-to-pool", json("reason", "Again")).expect(200);
		this.api.post(other, "/api/v1/accounts/" + account + "/claim", json()).expect(200);

		assertThat(history(account)).contains(tuple(kam, "ownerId", String.valueOf(userId(kam)), null),
				tuple(kam, "poolNote", null, "Moved abroad"), tuple(kam, "poolReason", null, "RETURNED"),
				tuple(kam, "ownerId", null, String.valueOf(userId(kam))),
				tuple(other, "ownerId", null, String.valueOf(userId(other))));
	}

	@Test
	void aManagerAssignsWithinTheirTeamOnly() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String member = this.given.kam(team, manager);
		String outsider = this.given.kam();
		long account = pooledAccount();

		Response outside = this.api.post(manager, "/api/v1/accounts/" + account + "/assign", json("owner", outsider))
			.expect(400);
		assertThat(outside.errorFields()).containsExactly("owner");
		assertThat(owner(account)).isNull();
		this.api.post(member, "/api/v1/accounts/" + account + "/assign", json("owner", member)).expect(400);

		Response assigned = this.api.post(manager, "/api/v1/accounts/" + account + "/assign", json("owner", member))
			.expect(200);
		assertThat(assigned.text("owner")).isEqualTo(member);
		// The manager may also move it on within the team, but no further.
		this.api.post(manager, "/api/v1/accounts/" + account + "/assign", json("owner", outsider)).expect(400);
		assertThat(this.api.get(member, "/api/v1/accounts/" + account).expect(200).text("owner")).isEqualTo(member);
	}

	@Test
	void twoRunsAtOnceReturnEachAccountOnce() throws Exception {
		String kam = this.given.kam();
		Map<Long, String> accounts = new java.util.HashMap<>();
		for (int i = 0; i < 5; i++) {
			accounts.put(ownedAccount(kam, "SMALL"), "SMALL");
		}
		LocalDate day = OWNED_SINCE.plusYears(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Callable<PoolRun.Result> run = () -> runAt(day, accounts);
			List<Future<PoolRun.Result>> results = new ArrayList<>();
			results.add(threads.submit(run));
			results.add(threads.submit(run));
			int returned = 0;
			for (Future<PoolRun.Result> result : results) {
				returned += result.get().returnedNoFollowUp() + result.get().returnedNoDeal();
			}
			assertThat(returned).isEqualTo(5);
		}
		finally {
			threads.shutdown();
		}
		for (long account : accounts.keySet()) {
			assertThat(owner(account)).isNull();
			assertThat(this.jdbc
				.sql("select count(*) from audit_log where account_id = :a and field = 'ownerId' and new_value is null")
				.param("a", account)
				.query(Integer.class)
				.single()).isOne();
		}
	}

	@Test
	void everyoneSeesThePoolsBasicDataButItsPhonesOnlyAfterTheClaim() {
		String kam = this.given.kam();
		String name = Fixtures.unique("PooledWithPeople");
		long account = this.given.account(kam, json("name", name, "industry", "Textiles")).id();
		this.api.post(kam, "/api/v1/accounts/" + account + "/contacts", json("name", "Li Wei", "phone", "+86 21 5555"))
			.expect(201);
		this.api.post(kam, "/api/v1/accounts/" + account + "/return-to-pool", json("reason", "No budget")).expect(200);

		String other = this.given.kam();
		Response listed = this.api.get(other, "/api/v1/pool?q=pooledwithpeople").expect(200);
		assertThat(listed.ids()).contains(account);
		Response exact = this.api.get(other, "/api/v1/pool?q=" + name + "&industry=Textiles").expect(200);
		assertThat(exact.items()).singleElement().satisfies((row) -> {
			assertThat(row.get("reason").asText()).isEqualTo("RETURNED");
			assertThat(row.get("note").asText()).isEqualTo("No budget");
			assertThat(row.get("tier").asText()).isEqualTo("SMALL");
		});
		assertThat(this.api.get(other, "/api/v1/pool?q=" + name + "&industry=Mining").expect(200).totalElements())
			.isZero();
		// Not in anyone's book: the KAM's own account list leaves it out.
		assertThat(this.api.get(kam, "/api/v1/accounts?q=" + name).expect(200).totalElements()).isZero();

		Response hidden = this.api.get(other, "/api/v1/accounts/" + account + "/contacts").expect(200);
		assertThat(hidden.items()).singleElement().satisfies((c) -> assertThat(c.get("phone").isNull()).isTrue());
		this.api.post(other, "/api/v1/accounts/" + account + "/claim", json()).expect(200);
		Response shown = this.api.get(other, "/api/v1/accounts/" + account + "/contacts").expect(200);
		assertThat(shown.items()).singleElement()
			.satisfies((c) -> assertThat(c.get("phone").asText()).isEqualTo("+86 21 5555"));
		assertThat(this.api.get(other, "/api/v1/pool?q=" + name).expect(200).totalElements()).isZero();
	}

	@Test
	void anAdministratorChangesARuleAndTheChangeIsAudited() {
		PoolRule before = rule("ORDINARY");
		try {
			this.api.put(this.given.kam(), "/api/v1/pool/rules/ORDINARY", json("followUpDays", 10)).expect(403);
			Response invalid = this.api.put(Api.ADMIN, "/api/v1/pool/rules/ORDINARY", json("followUpDays", 0))
				.expect(400);
			assertThat(invalid.errorFields()).containsExactly("followUpDays");
			this.api
				.put(Api.ADMIN, "/api/v1/pool/rules/ORDINARY",
						json("followUpDays", 45, "dealDays", null, "version", before.version()))
				.expect(200);
			assertThat(rule("ORDINARY").followUpDays()).isEqualTo(45);
			assertThat(rule("ORDINARY").dealDays()).isNull();
			assertThat(this.jdbc.sql("""
					select field, old_value, new_value from audit_log where entity_type = 'PoolRule'
					and entity_id = :id order by id desc fetch first 2 rows only""")
				.param("id", before.id())
				.query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3)))
				.list()).containsExactlyInAnyOrder(tuple("followUpDays", "60", "45"), tuple("dealDays", "180", null));
		}
		finally {
			this.api
				.put(Api.ADMIN, "/api/v1/pool/rules/ORDINARY",
						json("followUpDays", before.followUpDays(), "dealDays", before.dealDays()))
				.expect(200);
		}
	}

	private PoolRun.Result runAt(LocalDate day, Map<Long, String> tiers) {
		String table = tiers.entrySet()
			.stream()
			.map((e) -> "select cast(" + e.getKey() + " as bigint) as account_id, cast('" + e.getValue()
					+ "' as varchar(10)) as tier")
			.collect(Collectors.joining(" union all ", "(", ")"));
		LocalDateTime at = day.atTime(3, 15);
		PoolRun run = new PoolRun(this.jdbc, this.rules, this.pool, () -> new TierSql(table, Map.of()), this.events,
				Clock.systemDefaultZone(), this.database.postgres());
		PoolRun.Result result = this.transaction.execute((status) -> run.run(at, tiers.keySet()));
		// The run's scratch rows go with it.
		assertThat(this.jdbc.sql("select count(*) from pool_candidate").query(Long.class).single()).isZero();
		return result;
	}

	private PoolRule rule(String tier) {
		return this.rules.all().stream().filter((r) -> r.tier().equals(tier)).findFirst().orElseThrow();
	}

	/** An account the KAM owns since {@link #OWNED_SINCE}. */
	private long ownedAccount(String kam, String tier) {
		long id = this.given.account(kam, json("name", Fixtures.unique(tier + " idle"))).id();
		this.jdbc.sql("update account set owned_since = :since where id = :id")
			.param("since", OWNED_SINCE.atStartOfDay())
			.param("id", id)
			.update();
		return id;
	}

	private long pooledAccount() {
		String former = this.given.kam();
		long id = this.given.account(former, json("name", Fixtures.unique("Pool"))).id();
		this.api.post(former, "/api/v1/accounts/" + id + "/return-to-pool", json("reason", "Not for us")).expect(200);
		return id;
	}

	private void purchase(String kam, long account, LocalDate on) {
		this.api.post(kam, "/api/v1/orders", json("accountId", account, "date", on, "amount", 100)).expect(201);
	}

	private void visit(String kam, long account, LocalDate on) {
		this.api
			.post(kam, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", on.atTime(10, 0).toString(), "summary", "Visit"))
			.expect(201);
	}

	private Long owner(long account) {
		return this.jdbc.sql("select owner_id from account where id = :id")
			.param("id", account)
			.query((rs, n) -> Optional.ofNullable(rs.getObject(1, Long.class)))
			.single()
			.orElse(null);
	}

	private String reason(long account) {
		return this.jdbc.sql("select pool_reason from account where id = :id")
			.param("id", account)
			.query((rs, n) -> Optional.ofNullable(rs.getString(1)))
			.single()
			.orElse(null);
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	private int warnings(long user, long account) {
		return this.jdbc
			.sql("select count(*) from notification where recipient_id = :u and kind = 'pool.warning'"
					+ " and link = :l")
			.param("u", user)
			.param("l", "/accounts/" + account)
			.query(Integer.class)
			.single();
	}

	private LocalDate blockedUntil(long account, long user) {
		return this.jdbc.sql("select blocked_until from account_pool_block where account_id = :a and user_id = :u")
			.param("a", account)
			.param("u", user)
			.query(LocalDate.class)
			.single();
	}

	private void setBlockedUntil(long account, long user, LocalDate until) {
		this.jdbc.sql("update account_pool_block set blocked_until = :d where account_id = :a and user_id = :u")
			.param("d", until)
			.param("a", account)
			.param("u", user)
			.update();
	}

	private List<org.assertj.core.groups.Tuple> history(long account) {
		return this.jdbc.sql("""
				select actor, field, old_value, new_value from audit_log
				where account_id = :a and entity_type = 'Account' and field in ('ownerId', 'poolReason', 'poolNote')
				order by id""")
			.param("a", account)
			.query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

}
