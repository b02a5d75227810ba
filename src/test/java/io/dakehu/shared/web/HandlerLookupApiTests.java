package io.dakehu.shared.web;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Addresses with variables find their controller as Spring MVC finds them: the same
 * answer by a wrong method, an escaped letter and an unknown address as without the
 * lookup by literal start.
 */
@H2IntegrationTest
class HandlerLookupApiTests extends ApiTestSupport {

	@Test
	void addressesWithVariablesAnswerAsTheFrameworkDecidesEscapedOrWithTheWrongMethod() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Lookup")).id();
		assertThat(this.api.get(kam, "/api/v1/accounts/" + account).expect(200).text("name")).startsWith("Lookup");
		// An escaped letter is decoded before the patterns are matched.
		assertThat(this.api.get(kam, "/api/v1/%61ccounts/" + account).expect(200).text("name")).startsWith("Lookup");
		// No PATCH on an account: the method is wrong, not the address.
		assertThat(this.api.send(kam, Api.USER_PASSWORD, "PATCH", "/api/v1/accounts/" + account, "{}").status())
			.isEqualTo(405);
		this.api.get(kam, "/api/v1/acounts/" + account).expect(404);
		assertThat(this.api.page(kam, "/accounts/" + account + "/history/section").expect(200).text())
			.contains("history-lines");
	}

}
