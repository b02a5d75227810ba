package io.dakehu.home;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contact plan follows the public pool: an account returned to the pool leaves its
 * former owner's plan, and enters the plan of whoever claims it, with the due day its
 * last contact and plan give (decision 0035's read model hears the pool's moves).
 */
abstract class PoolDueDaysTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	/** The application's today, read before each test: a run may cross midnight. */
	private LocalDate today;

	@BeforeEach
	void readToday() {
		this.today = LocalDate.now(this.clock);
	}

	@Test
	void anAccountLeavesThePlanWithItsOwnerAndFollowsWhoeverClaimsIt() {
		String first = this.given.kam();
		String second = this.given.kam();
		long account = this.given.accountOwnedBy(first, Fixtures.unique("Pooled")).id();
		this.api
			.post(first, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", this.today.minusDays(3).atTime(10, 0).toString(), "summary",
							"Visit", "nextContactDate", this.today.plusDays(2).toString()))
			.expect(201);
		assertThat(planned(first)).containsExactly(account);

		this.api.post(first, "/api/v1/accounts/" + account + "/return-to-pool", json("reason", "Moved away"))
			.expect(200);
		assertThat(planned(first)).isEmpty();
		assertThat(planned(second)).isEmpty();

		this.api.post(second, "/api/v1/accounts/" + account + "/claim", json()).expect(200);
		assertThat(planned(second)).containsExactly(account);
		JsonNode item = this.api.get(second, "/api/v1/contact-plan?scope=mine&status=due")
			.expect(200)
			.body()
			.get("items")
			.get(0);
		assertThat(item.get("dueOn").asString()).isEqualTo(this.today.plusDays(2).toString());
		assertThat(planned(first)).isEmpty();
	}

	private List<Long> planned(String user) {
		List<Long> ids = new ArrayList<>();
		for (JsonNode item : this.api.get(user, "/api/v1/contact-plan?scope=mine&status=due")
			.expect(200)
			.body()
			.get("items")) {
			ids.add(item.get("accountId").asLong());
		}
		return ids;
	}

}
