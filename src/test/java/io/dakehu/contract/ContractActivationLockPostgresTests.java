package io.dakehu.contract;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two contracts of one account activated at the same moment, each within the credit limit
 * alone and over it together: only one becomes active. The test holds both contracts'
 * rows from its own connection, so both activations have passed whatever they check
 * before either may write; only the account's lock (decision 0040) makes the second check
 * wait for the first activation's commit.
 */
@PostgresIntegrationTest
class ContractActivationLockPostgresTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	@Autowired
	private DataSource dataSource;

	@Test
	void twoContractsActivatedAtOnceDoNotBothPassTheCreditLimit() throws Exception {
		LocalDate today = LocalDate.now(this.clock);
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), null);
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Busy buyer")).id();
		String quarter = today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
		Response rating = this.api
			.post(kam, "/api/v1/accounts/" + account + "/credit-ratings",
					json("quarter", quarter, "inputs", Map.of("2", 4)))
			.expect(201);
		this.api
			.post(manager, "/api/v1/credit-ratings/" + rating.id() + "/accept",
					json("version", rating.version(), "limit", "10000", "termsDays", 30, "note", "Known payer"))
			.expect(200);
		// 6,000 each: either alone stays within 10,000, both together do not.
		List<Response> drafts = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			drafts.add(this.api
				.post(kam, "/api/v1/contracts",
						json("accountId", account, "signedDate", today.toString(), "amount", "6000", "instalments",
								List.of(json("dueDate", today.plusDays(30).toString(), "amount", "6000"))))
				.expect(201));
		}

		ExecutorService pool = Executors.newFixedThreadPool(2);
		List<Future<Response>> activations = new ArrayList<>();
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			try (PreparedStatement lock = holder
				.prepareStatement("select id from contract where id in (?, ?) for update")) {
				lock.setLong(1, drafts.get(0).id());
				lock.setLong(2, drafts.get(1).id());
				lock.executeQuery().close();
			}
			for (Response draft : drafts) {
				activations.add(pool.submit(() -> this.api.post(kam, "/api/v1/contracts/" + draft.id() + "/activate",
						json("version", draft.version()))));
			}
			awaitWaitingOnLocks(2);
			holder.commit();
		}
		finally {
			pool.shutdown();
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Response> activation : activations) {
			statuses.add(activation.get().status());
		}
		assertThat(statuses).containsExactlyInAnyOrder(200, 400);
		assertThat(this.jdbc.sql("select count(*) from contract where account_id = :a and status = 'ACTIVE'")
			.param("a", account)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	/** Until that many sessions wait for a row lock: both activations have started. */
	private void awaitWaitingOnLocks(int sessions) throws InterruptedException {
		long deadline = System.nanoTime() + 20_000_000_000L;
		while (System.nanoTime() < deadline) {
			long waiting = this.jdbc.sql(
					"select count(*) from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
				.query(Long.class)
				.single();
			if (waiting >= sessions) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("The activations did not both reach a lock");
	}

}
