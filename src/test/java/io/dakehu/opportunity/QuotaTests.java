package io.dakehu.opportunity;

import java.math.BigDecimal;

import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quota is set from above (issue 11, part 6): by the salesperson's manager, a director
 * or an administrator. The salesperson reads it and cannot write it, on the API or the
 * page; a manager of another team cannot either, nor a manager their own.
 */
abstract class QuotaTests extends ApiTestSupport {

	private static final String FROM = "2031-01-01";

	private static final String TO = "2031-12-31";

	@Test
	void onlyTheSalespersonsManagerOrAboveSetsAQuotaAndTheSalespersonReadsIt() {
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), manager);
		String otherManager = this.given.manager();
		this.given.kam(this.given.team(otherManager), otherManager);

		this.api.post(kam, "/api/v1/quotas", quota(kam, "5100000000")).expect(403);
		this.api.post(otherManager, "/api/v1/quotas", quota(kam, "1")).expect(403);
		this.api.post(manager, "/api/v1/quotas", quota(manager, "1")).expect(403);
		assertThat(this.api.get(kam, "/api/v1/quotas?from=" + FROM + "&to=" + TO).expect(200).items()).isEmpty();

		this.api.post(manager, "/api/v1/quotas", quota(kam, "250000")).expect(200);
		Response read = this.api.get(kam, "/api/v1/quotas?from=" + FROM + "&to=" + TO).expect(200);
		assertThat(read.items()).hasSize(1);
		assertThat(new BigDecimal(read.items().get(0).get("amount").asString())).isEqualByComparingTo("250000");

		this.api.post(kam, "/api/v1/quotas", quota(kam, "5100000000")).expect(403);
		assertThat(new BigDecimal(
				this.api.get(kam, "/api/v1/quotas?from=" + FROM + "&to=" + TO).items().get(0).get("amount").asString()))
			.isEqualByComparingTo("250000");
	}

	@Test
	void theForecastPageOffersTheQuotaFormOnlyToThoseWhoMaySetOne() {
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), manager);
		assertThat(this.api.page(kam, "/pipeline/forecast").expect(200).text()).doesNotContain("id=\"quota-form\"");
		String page = this.api.page(manager, "/pipeline/forecast").expect(200).text();
		assertThat(page).contains("id=\"quota-form\"").contains("value=\"" + kam + "\"");
		assertThat(page).doesNotContain("value=\"" + manager + "\"");
	}

	private static Object quota(String salesperson, String amount) {
		return json("salesperson", salesperson, "from", FROM, "to", TO, "amount", new BigDecimal(amount));
	}

}
