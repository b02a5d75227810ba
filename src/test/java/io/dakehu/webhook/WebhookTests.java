package io.dakehu.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.dakehu.account.AccountPool;
import io.dakehu.account.AccountService;
import io.dakehu.account.PoolReason;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events out (decision 0047) against a receiver on 127.0.0.1: the signature, retries with
 * backoff, order per record, nothing for a rolled-back change, delivery from the outbox
 * row alone, the webhook switched off after failures in a row, and the test event. The
 * worker is driven by the test, one pass at a time with its own clock, and only for the
 * test's own webhook, so the other classes' events never count.
 */
abstract class WebhookTests extends ApiTestSupport {

	private static final String SECRET = "a-receiver-secret-0123456789";

	@Autowired
	private Users users;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private TransactionTemplate transaction;

	@Autowired
	private AccountService accounts;

	@Autowired
	private AccountPool pool;

	@Autowired
	private OutboxPurge purge;

	private Receiver receiver;

	private final List<Long> webhooks = new ArrayList<>();

	@BeforeAll
	void startReceiver() throws IOException {
		this.receiver = Receiver.start();
	}

	@AfterAll
	void stopReceiver() {
		this.receiver.close();
	}

	@AfterEach
	void removeWebhooks() {
		// Other classes' events are not written for a webhook that is gone.
		this.webhooks.forEach((id) -> this.api.delete(Api.ADMIN, "/api/v1/webhooks/" + id).expect(204));
		this.webhooks.clear();
		this.receiver.answer();
	}

	@Test
	void aDeliveryCarriesTheEventSignedWithTheSecret() throws Exception {
		long webhook = webhook("account.created");
		String kam = this.given.kam();
		String name = Fixtures.unique("Signed");
		long account = this.given.account(kam, json("name", name)).expect(201).id();

		assertThat(pass(webhook, Instant.now())).isOne();

		List<Receiver.Request> got = this.receiver.about(account);
		assertThat(got).hasSize(1);
		Receiver.Request request = got.get(0);
		assertThat(request.event()).isEqualTo("account.created");
		assertThat(request.signature()).isEqualTo(hmac(SECRET, request.timestamp() + "." + request.body()));
		assertThat(request.signature())
			.isNotEqualTo(hmac("another-secret-0123456789", request.timestamp() + "." + request.body()));
		assertThat(request.eventId()).isEqualTo(request.json().get("id").asString())
			.isEqualTo(this.jdbc
				.sql("select cast(event_id as varchar(36)) from webhook_event where record_id = :a"
						+ " and event_type = 'account.created'")
				.param("a", account)
				.query(String.class)
				.single());
		assertThat(request.json().get("type").asString()).isEqualTo("account.created");
		assertThat(request.json().get("record").get("type").asString()).isEqualTo("Account");
		assertThat(request.json().get("data").get("name").asString()).isEqualTo(name);
		List<Map<String, Object>> log = attempts(webhook);
		assertThat(log).hasSize(1);
		assertThat(log.get(0)).containsEntry("statusCode", 200)
			.containsEntry("responseExcerpt", "thanks")
			.containsEntry("deliveryStatus", "DELIVERED");
	}

	@Test
	void aReceiverFailingThreeTimesGetsTheEventOnceMoreAfterPausesThatDouble() {
		long webhook = webhook("account.created");
		this.receiver.answer(500, 500, 500);
		long account = this.given.account(this.given.kam(), json("name", Fixtures.unique("Flaky"))).expect(201).id();
		Instant start = Instant.now();

		pass(webhook, start);
		assertThat(this.receiver.about(account)).hasSize(1);
		// 30 seconds after the first failure, 60 after the second, 120 after the third.
		pass(webhook, start.plusSeconds(29));
		assertThat(this.receiver.about(account)).hasSize(1);
		pass(webhook, start.plusSeconds(30));
		assertThat(this.receiver.about(account)).hasSize(2);
		pass(webhook, start.plusSeconds(30 + 59));
		assertThat(this.receiver.about(account)).hasSize(2);
		pass(webhook, start.plusSeconds(30 + 60));
		assertThat(this.receiver.about(account)).hasSize(3);
		pass(webhook, start.plusSeconds(30 + 60 + 120));
		pass(webhook, start.plusSeconds(86_400));

		List<Receiver.Request> got = this.receiver.about(account);
		assertThat(got).extracting(Receiver.Request::answered).containsExactly(500, 500, 500, 200);
		assertThat(got).extracting(Receiver.Request::eventId).containsOnly(got.get(0).eventId());
		assertThat(attempts(webhook)).extracting((a) -> a.get("statusCode")).containsExactly(200, 500, 500, 500);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/webhooks/" + webhook).expect(200).body().get("active").asBoolean())
			.isTrue();
	}

	@Test
	void eventsAboutOneRecordGoInOrderWhileOtherRecordsGoOn() {
		long webhook = webhook("account.changed", "account.archived");
		String kam = this.given.kam();
		long first = this.given.account(kam, json("name", Fixtures.unique("First"))).expect(201).id();
		long second = this.given.account(kam, json("name", Fixtures.unique("Second"))).expect(201).id();
		this.api
			.put(kam, "/api/v1/accounts/" + first,
					json("name", Fixtures.unique("First renamed"), "version",
							this.api.version(kam, "/api/v1/accounts/" + first)))
			.expect(200);
		this.api.delete(kam, "/api/v1/accounts/" + first).expect(204);
		this.api.delete(kam, "/api/v1/accounts/" + second).expect(204);
		this.receiver.answer(500);
		Instant start = Instant.now();

		pass(webhook, start);
		assertThat(this.receiver.about(first)).extracting(Receiver.Request::event).containsExactly("account.changed");
		assertThat(this.receiver.about(second)).extracting(Receiver.Request::event).containsExactly("account.archived");
		pass(webhook, start.plusSeconds(30));
		assertThat(this.receiver.about(first)).extracting((r) -> r.event() + " " + r.answered())
			.containsExactly("account.changed 500", "account.changed 200", "account.archived 200");
		assertThat(this.receiver.about(second)).hasSize(1);
	}

	@Test
	void aRolledBackChangeWritesAndSendsNothing() {
		long webhook = webhook("account.archived");
		String kam = this.given.kam();
		long account = this.given.account(kam, json("name", Fixtures.unique("Rolled back"))).expect(201).id();
		CurrentUser owner = this.users.actingAs(userId(kam)).orElseThrow();

		this.transaction.executeWithoutResult((status) -> {
			this.accounts.archive(owner, account);
			assertThat(outboxRows(account, "account.archived")).as("written inside the transaction").isOne();
			status.setRollbackOnly();
		});
		assertThat(outboxRows(account, "account.archived")).isZero();
		pass(webhook, Instant.now());
		assertThat(this.receiver.about(account)).isEmpty();

		this.transaction.executeWithoutResult((status) -> this.accounts.archive(owner, account));
		assertThat(outboxRows(account, "account.archived")).isOne();
		pass(webhook, Instant.now());
		assertThat(this.receiver.about(account)).hasSize(1);
	}

	@Test
	void aCommittedEventIsDeliveredByAnyLaterWorkerEvenOneTakingOverADeadWorkersClaim() {
		long webhook = webhook("account.created");
		long account = this.given.account(this.given.kam(), json("name", Fixtures.unique("Kept"))).expect(201).id();
		// The application stopped after the commit: the row is all there is.
		assertThat(deliveryStatus(webhook, account)).isEqualTo("PENDING");
		assertThat(this.receiver.about(account)).isEmpty();

		// A worker claimed it and died before sending.
		Instant claimed = Instant.now();
		this.jdbc
			.sql("update webhook_delivery set status = 'SENDING', claimed_at = :at, attempts = 1"
					+ " where webhook_id = :w and record_id = :a")
			.param("at", Timestamp.from(claimed))
			.param("w", webhook)
			.param("a", account)
			.update();
		pass(webhook, claimed.plus(Deliveries.LEASE).minusSeconds(1));
		assertThat(this.receiver.about(account)).isEmpty();
		pass(webhook, claimed.plus(Deliveries.LEASE).plusSeconds(1));
		assertThat(this.receiver.about(account)).hasSize(1);
		assertThat(deliveryStatus(webhook, account)).isEqualTo("DELIVERED");
	}

	@Test
	void afterFailuresInARowTheWebhookIsSwitchedOffAndTheAdministratorsAreTold() {
		long webhook = webhook("account.created");
		this.receiver.answer(500, 500, 500, 500);
		long account = this.given.account(this.given.kam(), json("name", Fixtures.unique("Down"))).expect(201).id();
		Instant start = Instant.now();
		Deliveries.Policy switchOffAfterThree = new Deliveries.Policy(12, 3, Duration.ofSeconds(30),
				Duration.ofSeconds(5));

		pass(webhook, start, switchOffAfterThree);
		pass(webhook, start.plusSeconds(30), switchOffAfterThree);
		assertThat(active(webhook)).isTrue();
		pass(webhook, start.plusSeconds(90), switchOffAfterThree);
		assertThat(this.receiver.about(account)).extracting(Receiver.Request::answered).containsExactly(500, 500, 500);
		assertThat(this.jdbc.sql("select consecutive_failures from webhook where id = :w")
			.param("w", webhook)
			.query(Integer.class)
			.single()).isEqualTo(3);
		assertThat(active(webhook)).isFalse();
		assertThat(this.jdbc
			.sql("select count(*) from notification where kind = 'webhook.disabled' and link = :l"
					+ " and recipient_id = (select id from app_user where username = 'admin')")
			.param("l", "/admin/webhooks/" + webhook)
			.query(Long.class)
			.single()).isOne();
		pass(webhook, start.plusSeconds(86_400), switchOffAfterThree);
		assertThat(this.receiver.about(account)).hasSize(3);

		// Switched back on, it carries on where it stopped.
		int version = this.api.get(Api.ADMIN, "/api/v1/webhooks/" + webhook).expect(200).version();
		this.api
			.put(Api.ADMIN, "/api/v1/webhooks/" + webhook,
					json("url", this.receiver.url(), "events", List.of("account.created"), "active", true, "version",
							version))
			.expect(200);
		pass(webhook, start.plusSeconds(86_400), switchOffAfterThree);
		assertThat(this.receiver.about(account)).extracting(Receiver.Request::answered)
			.containsExactly(500, 500, 500, 500);
		pass(webhook, start.plusSeconds(2 * 86_400), switchOffAfterThree);
		assertThat(this.receiver.about(account)).hasSize(5);
		assertThat(this.receiver.about(account).get(4).answered()).isEqualTo(200);
	}

	@Test
	void accountsTheRulesReturnToThePoolAreToldOneEventEachWrittenTogether() {
		long webhook = webhook("account.returned_to_pool");
		String kam = this.given.kam();
		long first = this.given.account(kam, json("name", Fixtures.unique("Idle one"))).expect(201).id();
		long second = this.given.account(kam, json("name", Fixtures.unique("Idle two"))).expect(201).id();

		int returned = this.transaction.execute(
				(status) -> this.pool.returnByRule(PoolReason.NO_FOLLOW_UP, "select id from account where id in (:ids)",
						Map.of("ids", List.of(first, second)), LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)));
		assertThat(returned).isEqualTo(2);
		assertThat(this.jdbc
			.sql("select count(distinct batch_id) from webhook_event where record_id in (:ids)"
					+ " and event_type = 'account.returned_to_pool'")
			.param("ids", List.of(first, second))
			.query(Long.class)
			.single()).isOne();
		pass(webhook, Instant.now());
		for (long account : List.of(first, second)) {
			List<Receiver.Request> got = this.receiver.about(account);
			assertThat(got).hasSize(1);
			assertThat(got.get(0).json().get("data").get("previousOwnerId").asLong()).isEqualTo(userId(kam));
			assertThat(got.get(0).json().get("data").get("reason").asString()).isEqualTo("NO_FOLLOW_UP");
		}
	}

	@Test
	void aCompanyWideRunWritesOneEventPerAccountWhoseTierMovedInOneStatement() {
		webhook("account.tier_changed");
		String manager = this.given.manager();
		// Bought big in the second run's year only: VIP there, whatever it was before.
		String kam = this.given.kam();
		long big = this.given.account(kam, json("name", Fixtures.unique("Big in 2024"))).expect(201).id();
		this.api.post(kam, "/api/v1/orders", json("accountId", big, "date", "2024-08-15", "amount", 90_000_000))
			.expect(201);
		long first = this.api
			.post(manager, "/api/v1/segmentation/runs",
					json("from", "2025-01-01", "to", "2025-12-31", "measure", "REVENUE"))
			.expect(201)
			.id();
		long second = this.api
			.post(manager, "/api/v1/segmentation/runs",
					json("from", "2024-07-01", "to", "2025-06-30", "measure", "REVENUE"))
			.expect(201)
			.id();
		Map<Long, String> before = tiers(first);
		Map<Long, String> after = tiers(second);
		Map<Long, String> moved = new java.util.HashMap<>();
		after.forEach((account, tier) -> {
			if (!tier.equals(before.get(account))) {
				moved.put(account, tier);
			}
		});

		List<Map<String, Object>> rows = this.jdbc
			.sql("select record_id, payload, batch_id from webhook_event where event_type = 'account.tier_changed'"
					+ " and payload like :run")
			.param("run", "%\"runId\":" + second + "}")
			.query()
			.listOfRows();
		assertThat(moved).containsEntry(big, "VIP");
		assertThat(rows).extracting((r) -> ((Number) r.get("record_id")).longValue())
			.containsExactlyInAnyOrderElementsOf(moved.keySet());
		assertThat(rows).extracting((r) -> r.get("batch_id")).containsOnly(rows.get(0).get("batch_id"));
		for (Map<String, Object> row : rows) {
			long account = ((Number) row.get("record_id")).longValue();
			tools.jackson.databind.JsonNode data = Outbox.JSON.readTree((String) row.get("payload"));
			assertThat(data.get("tier").asString()).isEqualTo(moved.get(account));
			assertThat(data.get("previousTier").isNull() ? null : data.get("previousTier").asString())
				.isEqualTo(before.get(account));
		}
	}

	@Test
	void returnsClaimsAssignmentsAndMergesAreToldWithTheOwnersBeforeAndAfter() {
		long webhook = webhook("account.returned_to_pool", "account.claimed", "account.owner_changed",
				"account.merged");
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String first = this.given.kam(team, manager);
		String second = this.given.kam(team, manager);
		long account = this.given.accountOwnedBy(first, Fixtures.unique("Moving")).id();
		long absorbed = this.given.accountOwnedBy(second, Fixtures.unique("Duplicate")).id();

		this.api.post(first, "/api/v1/accounts/" + account + "/return-to-pool", json("reason", "Moved away"))
			.expect(200);
		this.api.post(second, "/api/v1/accounts/" + account + "/claim", json()).expect(200);
		this.api.post(manager, "/api/v1/accounts/" + account + "/assign", json("owner", first)).expect(200);
		this.api
			.post(manager, "/api/v1/accounts/" + absorbed + "/merge",
					json("into", account, "version", this.api.version(manager, "/api/v1/accounts/" + absorbed)))
			.expect(200);

		pass(webhook, Instant.now());

		long firstId = userId(first);
		long secondId = userId(second);
		List<Receiver.Request> moves = this.receiver.about(account);
		assertThat(moves).extracting(Receiver.Request::event)
			.containsExactly("account.returned_to_pool", "account.claimed", "account.owner_changed");
		assertThat(moves.get(0).json().get("data").get("previousOwnerId").asLong()).isEqualTo(firstId);
		assertThat(moves.get(0).json().get("data").get("reason").asString()).isEqualTo("RETURNED");
		assertThat(moves.get(0).json().get("data").get("note").asString()).isEqualTo("Moved away");
		assertThat(owners(moves.get(1))).containsExactly(null, secondId);
		assertThat(owners(moves.get(2))).containsExactly(secondId, firstId);
		List<Receiver.Request> merged = this.receiver.about(absorbed);
		assertThat(merged).extracting(Receiver.Request::event).containsExactly("account.merged");
		assertThat(merged.get(0).json().get("data").get("absorbedId").asLong()).isEqualTo(absorbed);
		assertThat(merged.get(0).json().get("data").get("survivorId").asLong()).isEqualTo(account);
	}

	/** An owner event's previous owner and owner, as user ids (null for the pool). */
	private static List<Long> owners(Receiver.Request request) {
		tools.jackson.databind.JsonNode data = request.json().get("data");
		java.util.function.Function<String, Long> id = (field) -> data.get(field).isNull() ? null
				: data.get(field).asLong();
		return java.util.Arrays.asList(id.apply("previousOwnerId"), id.apply("ownerId"));
	}

	@Test
	void oldEventsAreForgottenOnceEveryDeliveryOfThemIsFinished() {
		long webhook = webhook("account.created");
		String kam = this.given.kam();
		long delivered = this.given.account(kam, json("name", Fixtures.unique("Told long ago"))).expect(201).id();
		pass(webhook, Instant.now());
		long waiting = this.given.account(kam, json("name", Fixtures.unique("Still waiting"))).expect(201).id();
		assertThat(deliveryStatus(webhook, delivered)).isEqualTo("DELIVERED");
		assertThat(attempts(webhook)).hasSize(1);

		// Both are younger than the day before: nothing goes.
		this.purge.purge(LocalDateTime.now().minusDays(1));
		assertThat(outboxRows(delivered, "account.created")).isOne();
		assertThat(outboxRows(waiting, "account.created")).isOne();

		// Both are older than tomorrow: the finished one goes with its attempt, the
		// pending one stays and is still sent.
		this.purge.purge(LocalDateTime.now().plusDays(1));
		assertThat(outboxRows(delivered, "account.created")).isZero();
		assertThat(attempts(webhook)).isEmpty();
		assertThat(outboxRows(waiting, "account.created")).isOne();
		assertThat(deliveryStatus(webhook, waiting)).isEqualTo("PENDING");
		pass(webhook, Instant.now());
		assertThat(this.receiver.about(waiting)).hasSize(1);
		assertThat(deliveryStatus(webhook, waiting)).isEqualTo("DELIVERED");
	}

	@Test
	void dealsComplaintsContractsAndReceiptsAreToldWithTheirRecords() {
		long webhook = webhook("opportunity.stage_changed", "opportunity.won", "opportunity.lost", "complaint.opened",
				"complaint.resolved", "contract.activated", "receipt.recorded");
		String kam = this.given.kam();
		long account = this.given.account(kam, json("name", Fixtures.unique("Told"))).expect(201).id();
		String closing = LocalDate.now().plusMonths(1).toString();
		long won = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", Fixtures.unique("Won deal"), "amount", 500, "owner", kam,
							"expectedCloseDate", closing))
			.expect(201)
			.id();
		long lost = this.api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", Fixtures.unique("Lost deal"), "amount", 300, "owner", kam,
							"expectedCloseDate", closing))
			.expect(201)
			.id();
		this.api
			.post(kam, "/api/v1/opportunities/" + won + "/stage",
					json("stage", "ORDER", "version", this.api.version(kam, "/api/v1/opportunities/" + won)))
			.expect(200);
		this.api
			.post(kam, "/api/v1/opportunities/" + won + "/win",
					json("amount", "520.50", "version", this.api.version(kam, "/api/v1/opportunities/" + won)))
			.expect(200);
		this.api
			.post(kam, "/api/v1/opportunities/" + lost + "/lose",
					json("reason", "Price", "competitor", "Rival", "version",
							this.api.version(kam, "/api/v1/opportunities/" + lost)))
			.expect(200);
		Api.Response complaint = this.api
			.post(kam, "/api/v1/complaints",
					json("accountId", account, "channel", "PHONE", "category", "DELIVERY", "severity", "HIGH",
							"description", "Late"))
			.expect(201);
		this.api
			.post(kam, "/api/v1/complaints/" + complaint.id() + "/resolve", json("resolution", "Replaced the batch",
					"rootCause", "Mislabelled pallets", "version", complaint.version()))
			.expect(200);
		Api.Response draft = this.api
			.post(kam, "/api/v1/contracts",
					json("accountId", account, "signedDate", LocalDate.now().toString(), "amount", "1000",
							"instalments", List.of(json("dueDate", closing, "amount", "1000"))))
			.expect(201);
		long contract = this.api
			.post(kam, "/api/v1/contracts/" + draft.id() + "/activate", json("version", draft.version()))
			.expect(200)
			.id();
		long receipt = this.api
			.post(kam, "/api/v1/receipts",
					json("contractId", contract, "date", LocalDate.now().toString(), "amount", "400.50", "method",
							"BANK_TRANSFER"))
			.expect(201)
			.id();

		pass(webhook, Instant.now());

		assertThat(this.receiver.about("Opportunity", won)).extracting(Receiver.Request::event)
			.containsExactly("opportunity.stage_changed", "opportunity.won");
		assertThat(this.receiver.about("Opportunity", won).get(1).json().get("data").get("amount").decimalValue())
			.isEqualByComparingTo("520.50");
		assertThat(this.receiver.about("Opportunity", lost)).extracting(Receiver.Request::event)
			.containsExactly("opportunity.lost");
		assertThat(this.receiver.about("Complaint", complaint.id())).extracting(Receiver.Request::event)
			.containsExactly("complaint.opened", "complaint.resolved");
		assertThat(this.receiver.about("Contract", contract)).extracting(Receiver.Request::event)
			.containsExactly("contract.activated");
		List<Receiver.Request> receipts = this.receiver.about("Receipt", receipt);
		assertThat(receipts).extracting(Receiver.Request::event).containsExactly("receipt.recorded");
		tools.jackson.databind.JsonNode data = receipts.get(0).json().get("data");
		assertThat(data.get("accountId").asLong()).isEqualTo(account);
		assertThat(data.get("contractId").asLong()).isEqualTo(contract);
		assertThat(data.get("amount").decimalValue()).isEqualByComparingTo("400.50");
		assertThat(data.get("receivedOn").asString()).isEqualTo(LocalDate.now().toString());
	}

	@Test
	void theTestEventGoesToItsWebhookAloneAndOnlyAdministratorsManageWebhooks() {
		long webhook = webhook("opportunity.won");
		long other = webhook("opportunity.won");
		String eventId = this.api.post(Api.ADMIN, "/api/v1/webhooks/" + webhook + "/test", json())
			.expect(202)
			.text("eventId");
		pass(other, Instant.now());
		assertThat(this.receiver.about("Webhook", webhook)).isEmpty();
		pass(webhook, Instant.now());
		assertThat(this.receiver.about("Webhook", webhook)).extracting(Receiver.Request::eventId)
			.containsExactly(eventId);
		assertThat(this.receiver.about("Webhook", webhook).get(0).event()).isEqualTo("webhook.test");

		String manager = this.given.manager();
		this.api.get(manager, "/api/v1/webhooks").expect(403);
		this.api.post(manager, "/api/v1/webhooks/" + webhook + "/test", json()).expect(403);
		long before = this.jdbc.sql("select count(*) from webhook").query(Long.class).single();
		assertThat(
				this.api
					.post(Api.ADMIN, "/api/v1/webhooks",
							json("url", "ftp://example.com/hook", "secret", SECRET, "events",
									List.of("account.created")))
					.expect(400)
					.errorFields())
			.containsExactly("url");
		assertThat(this.api
			.post(Api.ADMIN, "/api/v1/webhooks",
					json("url", this.receiver.url(), "secret", SECRET, "events", List.of("account.deleted")))
			.expect(400)
			.errorFields()).containsExactly("events");
		assertThat(this.api
			.post(Api.ADMIN, "/api/v1/webhooks",
					json("url", this.receiver.url(), "secret", "short", "events", List.of("account.created")))
			.expect(400)
			.errorFields()).containsExactly("secret");
		assertThat(this.jdbc.sql("select count(*) from webhook").query(Long.class).single()).isEqualTo(before);
	}

	private long webhook(String... events) {
		long id = this.api
			.post(Api.ADMIN, "/api/v1/webhooks",
					json("url", this.receiver.url(), "secret", SECRET, "events", List.of(events)))
			.expect(201)
			.id();
		this.webhooks.add(id);
		return id;
	}

	private int pass(long webhook, Instant at) {
		return pass(webhook, at, new Deliveries.Policy(12, 20, Duration.ofSeconds(30), Duration.ofSeconds(5)));
	}

	/** A fresh worker, as after a restart, at the given moment. */
	private int pass(long webhook, Instant at, Deliveries.Policy policy) {
		return new Deliveries(this.jdbc, this.users, this.events, this.transaction,
				Clock.fixed(at, ZoneId.systemDefault()), policy)
			.deliverDue(webhook);
	}

	private List<Map<String, Object>> attempts(long webhook) {
		return this.api.get(Api.ADMIN, "/api/v1/webhooks/" + webhook + "/attempts")
			.expect(200)
			.items()
			.stream()
			.map((node) -> {
				Map<String, Object> values = new java.util.LinkedHashMap<>();
				values.put("statusCode", node.get("statusCode").isNull() ? null : node.get("statusCode").asInt());
				values.put("responseExcerpt", node.get("responseExcerpt").asString());
				values.put("deliveryStatus", node.get("deliveryStatus").asString());
				return values;
			})
			.toList();
	}

	private Map<Long, String> tiers(long run) {
		Map<Long, String> tiers = new java.util.HashMap<>();
		this.jdbc.sql("select account_id, tier from segmentation_snapshot where run_id = :run")
			.param("run", run)
			.query((rs, n) -> tiers.put(rs.getLong(1), rs.getString(2)))
			.list();
		return tiers;
	}

	private boolean active(long webhook) {
		return this.api.get(Api.ADMIN, "/api/v1/webhooks/" + webhook).expect(200).body().get("active").asBoolean();
	}

	private long outboxRows(long account, String type) {
		return this.jdbc.sql("select count(*) from webhook_event where record_id = :a and event_type = :t")
			.param("a", account)
			.param("t", type)
			.query(Long.class)
			.single();
	}

	private String deliveryStatus(long webhook, long account) {
		return this.jdbc.sql("select status from webhook_delivery where webhook_id = :w and record_id = :a")
			.param("w", webhook)
			.param("a", account)
			.query(String.class)
			.single();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

	/** Computed here, not with the application's code, so a wrong signature fails. */
	private static String hmac(String secret, String text) throws Exception {
		Mac mac = Mac.getInstance("HmacSHA256");
		mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
		return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

}
