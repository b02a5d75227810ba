package io.dakehu.account;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.OutboxWatch;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The lifecycle the product keeps (DOMAIN.md §2.1): purchases typed, imported or won move
 * prospects, dormant and lost accounts; the nightly check makes customers dormant after
 * twelve months without a purchase; LOST is only a decision with a churn reason. Every
 * move is in the audit log with who, from, to and why. The time-dependent rules run on a
 * lifecycle built with a fixed clock over the same database.
 */
abstract class LifecycleTests extends ApiTestSupport {

	@Autowired
	private AuditTrail audit;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private ImportJobs imports;

	@Autowired
	private AccountEvents events;

	@Test
	void aTypedFirstPurchaseMakesAProspectActiveAndTheMoveIsAudited() {
		String kam = this.given.kam();
		Response account = this.given.account(kam, json("name", Fixtures.unique("First buyer")));
		assertThat(account.text("status")).isEqualTo("PROSPECT");
		LocalDate bought = LocalDate.now().minusDays(10);

		this.api.post(kam, "/api/v1/orders", json("accountId", account.id(), "date", bought, "amount", 500))
			.expect(201);

		Response read = this.api.get(kam, "/api/v1/accounts/" + account.id()).expect(200);
		assertThat(read.text("status")).isEqualTo("ACTIVE");
		assertThat(read.text("lastPurchaseOn")).isEqualTo(bought.toString());
		assertThat(lifecycleAudit(account.id())).containsExactly(tuple(kam, "status", "PROSPECT", "ACTIVE"),
				tuple(kam, "lifecycleReason", null, "PURCHASE " + bought));
	}

	@Test
	void lostIsOnlyADecisionWithAChurnReasonAndANewPurchaseBringsTheCustomerBack() {
		String kam = this.given.kam();
		Response prospect = this.given.account(kam, json("name", Fixtures.unique("Never bought")));
		this.api
			.post(kam, "/api/v1/accounts/" + prospect.id() + "/lost",
					json("churnReason", "PRICE_TOO_HIGH", "version", prospect.version()))
			.expect(400);
		this.api.post(kam, "/api/v1/accounts", json("name", Fixtures.unique("Born lost"), "status", "LOST"))
			.expect(400);

		Response account = this.given.account(kam, json("name", Fixtures.unique("Churned")));
		OutboxWatch watch = OutboxWatch.subscribe(this.api, this.jdbc, "account.changed");
		this.api
			.post(kam, "/api/v1/orders",
					json("accountId", account.id(), "date", LocalDate.now().minusDays(40), "amount", 800))
			.expect(201);
		Response customer = this.api.get(kam, "/api/v1/accounts/" + account.id()).expect(200);
		assertThat(customer.text("status")).isEqualTo("ACTIVE");

		Response byEdit = this.api
			.put(kam, "/api/v1/accounts/" + account.id(),
					json("name", customer.text("name"), "status", "LOST", "version", customer.version()))
			.expect(400);
		assertThat(byEdit.errorFields()).containsExactly("status");
		Response withoutReason = this.api
			.post(kam, "/api/v1/accounts/" + account.id() + "/lost", json("version", customer.version()))
			.expect(400);
		assertThat(withoutReason.errorFields()).containsExactly("churnReason");
		assertThat(this.api.get(kam, "/api/v1/accounts/" + account.id()).text("status")).isEqualTo("ACTIVE");

		Response lost = this.api
			.post(kam, "/api/v1/accounts/" + account.id() + "/lost",
					json("churnReason", "PRICE_TOO_HIGH", "version", customer.version()))
			.expect(200);
		assertThat(lost.text("status")).isEqualTo("LOST");
		assertThat(lost.text("churnReason")).isEqualTo("PRICE_TOO_HIGH");
		assertThat(lost.text("lostOn")).isEqualTo(LocalDate.now().toString());

		LocalDate again = LocalDate.now();
		this.api.post(kam, "/api/v1/orders", json("accountId", account.id(), "date", again, "amount", 300)).expect(201);
		Response back = this.api.get(kam, "/api/v1/accounts/" + account.id()).expect(200);
		assertThat(back.text("status")).isEqualTo("ACTIVE");
		assertThat(back.text("churnReason")).isNull();
		assertThat(lifecycleAudit(account.id())).containsExactly(tuple(kam, "status", "PROSPECT", "ACTIVE"),
				tuple(kam, "lifecycleReason", null, "PURCHASE " + LocalDate.now().minusDays(40)),
				tuple(kam, "status", "ACTIVE", "LOST"), tuple(kam, "churnReason", null, "PRICE_TOO_HIGH"),
				tuple(kam, "status", "LOST", "ACTIVE"), tuple(kam, "churnReason", "PRICE_TOO_HIGH", null),
				tuple(kam, "lifecycleReason", null, "PURCHASE " + again));

		// Other systems hear of each move: the purchases' moves, written set-based, carry
		// the same changes the decision's edit does.
		try (watch) {
			List<JsonNode> changes = watch.payloads("account.changed", account.id())
				.stream()
				.map((payload) -> payload.get("changes"))
				.toList();
			assertThat(changes).hasSize(3);
			assertThat(moves(changes.get(0))).isEqualTo("PROSPECT>ACTIVE");
			assertThat(changes.get(0).has("churnReason")).isFalse();
			assertThat(moves(changes.get(1))).isEqualTo("ACTIVE>LOST");
			assertThat(changes.get(1).get("churnReason").get("to").asString()).isEqualTo("PRICE_TOO_HIGH");
			assertThat(moves(changes.get(2))).isEqualTo("LOST>ACTIVE");
			assertThat(changes.get(2).get("churnReason").get("from").asString()).isEqualTo("PRICE_TOO_HIGH");
			assertThat(changes.get(2).get("churnReason").get("to").isNull()).isTrue();
		}
	}

	/** The status move of an {@code account.changed} event's changes, as FROM>TO. */
	private static String moves(JsonNode changes) {
		JsonNode status = changes.get("status");
		return status.get("from").asString() + ">" + status.get("to").asString();
	}

	@Test
	void theNightlyCheckMakesACustomerDormantTheDayAfterTwelveMonthsWithoutAPurchase() {
		long early = prospect();
		long onTheDay = prospect();
		long later = prospect();
		OutboxWatch watch = OutboxWatch.subscribe(this.api, this.jdbc, "account.changed");
		// Bought in June 2025, seen on 1 July 2025: all three are active customers.
		recordAt(LocalDate.of(2025, 7, 1),
				new PurchasesRecorded(List.of(new PurchasesRecorded.Purchase(early, LocalDate.of(2025, 6, 14)),
						new PurchasesRecorded.Purchase(onTheDay, LocalDate.of(2025, 6, 15)),
						new PurchasesRecorded.Purchase(later, LocalDate.of(2025, 6, 16)))));
		assertThat(statuses(early, onTheDay, later)).containsExactly("ACTIVE", "ACTIVE", "ACTIVE");

		// 15 June 2026: a purchase on 15 June 2025 is exactly twelve months old and still
		// counts; one a day older does not.
		refreshAt(LocalDate.of(2026, 6, 15));
		assertThat(statuses(early, onTheDay, later)).containsExactly("DORMANT", "ACTIVE", "ACTIVE");
		refreshAt(LocalDate.of(2026, 6, 16));
		assertThat(statuses(early, onTheDay, later)).containsExactly("DORMANT", "DORMANT", "ACTIVE");

		assertThat(lifecycleAudit(early)).containsExactly(tuple("system", "status", "PROSPECT", "ACTIVE"),
				tuple("system", "lifecycleReason", null, "PURCHASE 2025-06-14"),
				tuple("system", "status", "ACTIVE", "DORMANT"),
				tuple("system", "lifecycleReason", null, "NO_PURCHASE_SINCE 2025-06-14"));

		// A new purchase wakes a dormant customer; an old one found late does not.
		recordAt(LocalDate.of(2026, 7, 1),
				new PurchasesRecorded(List.of(new PurchasesRecorded.Purchase(early, LocalDate.of(2026, 6, 30)),
						new PurchasesRecorded.Purchase(onTheDay, LocalDate.of(2025, 1, 2)))));
		assertThat(statuses(early, onTheDay, later)).containsExactly("ACTIVE", "DORMANT", "ACTIVE");
		assertThat(lastPurchase(onTheDay)).isEqualTo(LocalDate.of(2025, 6, 15));

		// Each move, the nightly check's too, is one account.changed for other systems.
		try (watch) {
			assertThat(statusMoves(watch, early)).containsExactly("PROSPECT>ACTIVE", "ACTIVE>DORMANT",
					"DORMANT>ACTIVE");
			assertThat(statusMoves(watch, onTheDay)).containsExactly("PROSPECT>ACTIVE", "ACTIVE>DORMANT");
			assertThat(statusMoves(watch, later)).containsExactly("PROSPECT>ACTIVE");
		}
	}

	@Test
	void purchasesOfOneTransactionMoveEachAccountOnceByItsLatestPurchase() {
		long account = prospect();
		int version = version(account);
		// Two chunks of one import name the same prospect: first an old purchase, then a
		// recent one. Written chunk by chunk it would go PROSPECT > DORMANT > ACTIVE.
		this.transaction.executeWithoutResult((status) -> {
			AccountLifecycle lifecycle = lifecycleOn(LocalDate.of(2026, 7, 1));
			lifecycle
				.on(new PurchasesRecorded(List.of(new PurchasesRecorded.Purchase(account, LocalDate.of(2024, 3, 1)))));
			lifecycle
				.on(new PurchasesRecorded(List.of(new PurchasesRecorded.Purchase(account, LocalDate.of(2026, 5, 20)))));
			lifecycle
				.on(new PurchasesRecorded(List.of(new PurchasesRecorded.Purchase(account, LocalDate.of(2025, 1, 9)))));
		});
		assertThat(status(account)).isEqualTo("ACTIVE");
		assertThat(lastPurchase(account)).isEqualTo(LocalDate.of(2026, 5, 20));
		assertThat(version(account)).isEqualTo(version + 1);
		assertThat(lifecycleAudit(account)).containsExactly(tuple("system", "status", "PROSPECT", "ACTIVE"),
				tuple("system", "lifecycleReason", null, "PURCHASE 2026-05-20"));

		// A transaction that rolls back leaves neither status nor date behind.
		long other = prospect();
		this.transaction.executeWithoutResult((status) -> {
			lifecycleOn(LocalDate.of(2026, 7, 1))
				.on(new PurchasesRecorded(List.of(new PurchasesRecorded.Purchase(other, LocalDate.of(2026, 6, 1)))));
			status.setRollbackOnly();
		});
		assertThat(status(other)).isEqualTo("PROSPECT");
		assertThat(lastPurchase(other)).isNull();
	}

	private int version(long id) {
		return this.jdbc.sql("select version from account where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
	}

	private static List<String> statusMoves(OutboxWatch watch, long account) {
		return watch.payloads("account.changed", account).stream().map((p) -> moves(p.get("changes"))).toList();
	}

	@Test
	void importedOrderLinesActivateProspectsByTheirLatestPurchase() throws Exception {
		String recentName = Fixtures.unique("Imported recent");
		String oldName = Fixtures.unique("Imported old");
		long recent = this.given.accountOwnedBy(Api.ADMIN, recentName).id();
		long old = this.given.accountOwnedBy(Api.ADMIN, oldName).id();
		LocalDate today = LocalDate.now();
		String csv = """
				account,date,amount,reference
				%1$s,%3$s,100,R1
				%1$s,%4$s,200,R2
				%2$s,%5$s,300,R3
				""".formatted(recentName, oldName, today.minusDays(90), today.minusDays(5), today.minusYears(3));
		ImportJobView job = this.imports.runNow(admin(),
				new ImportRequest(ImportType.ORDERS, "orders.csv", false, null, Fixtures.unique("erp"), null),
				new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "TEST", false);
		assertThat(job.status()).isEqualTo(ImportStatus.COMMITTED);

		assertThat(statuses(recent, old)).containsExactly("ACTIVE", "DORMANT");
		assertThat(lastPurchase(recent)).isEqualTo(today.minusDays(5));
		assertThat(lastPurchase(old)).isEqualTo(today.minusYears(3));
	}

	@Test
	void onlyDirectorsAndAdministratorsRunTheCheckOnDemand() {
		String kam = this.given.kam();
		this.api.post(kam, "/api/v1/accounts/lifecycle/refresh", null).expect(403);
		String director = this.given.director();
		assertThat(this.api.post(director, "/api/v1/accounts/lifecycle/refresh", null).expect(200).body().has("moved"))
			.isTrue();
	}

	private long prospect() {
		return this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Customer")).id();
	}

	/** A lifecycle like the application's, but whose today is the given day. */
	private AccountLifecycle lifecycleOn(LocalDate today) {
		Clock clock = Clock.fixed(today.atTime(3, 0).atZone(ZoneId.systemDefault()).toInstant(),
				ZoneId.systemDefault());
		return new AccountLifecycle(this.jdbc, this.audit, this.events, clock, 12);
	}

	private void recordAt(LocalDate today, PurchasesRecorded event) {
		this.transaction.executeWithoutResult((status) -> lifecycleOn(today).on(event));
	}

	private void refreshAt(LocalDate today) {
		this.transaction.executeWithoutResult((status) -> lifecycleOn(today).refresh());
	}

	private List<String> statuses(long... ids) {
		return java.util.Arrays.stream(ids).mapToObj(this::status).toList();
	}

	private String status(long id) {
		return this.jdbc.sql("select status from account where id = :id").param("id", id).query(String.class).single();
	}

	private LocalDate lastPurchase(long id) {
		return this.jdbc.sql("select last_purchase_on from account where id = :id")
			.param("id", id)
			.query((rs, n) -> java.util.Optional.ofNullable(rs.getObject(1, LocalDate.class)))
			.single()
			.orElse(null);
	}

	/** Who moved the account, field, from, to; oldest first. */
	private List<org.assertj.core.groups.Tuple> lifecycleAudit(long accountId) {
		return this.jdbc.sql("""
				select actor, field, old_value, new_value from audit_log
				where entity_type = 'Account' and entity_id = :id and action = 'UPDATE'
				  and field in ('status', 'churnReason', 'lifecycleReason')
				order by id""")
			.param("id", accountId)
			.query((rs, n) -> tuple(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
	}

	private CurrentUser admin() {
		long id = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", Api.ADMIN)
			.query(Long.class)
			.single();
		return new CurrentUser(id, Api.ADMIN, Api.ADMIN, Role.ADMIN, RecordScope.everything(id));
	}

}
