package io.dakehu.account;

import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owners' counts of each custom value (decision 0062) are written as changes and
 * folded every minute; the fold leaves one row per owner, value and archived flag and
 * every total as it was.
 */
@PostgresIntegrationTest
class AccountCustomTallyPostgresTests extends ApiTestSupport {

	@Autowired
	AccountCustomTally tally;

	@Test
	void theFoldLeavesOneRowPerOwnerAndValueAndEveryTotalAsItWas() {
		String key = Fixtures.unique("tier").replace("-", "_");
		long field = this.api
			.post(Api.ADMIN, "/api/v1/custom-fields",
					json("recordType", "ACCOUNT", "key", key, "type", "SINGLE_CHOICE", "labels",
							Map.of("zh", "层级", "en", "Tier"), "options", List.of(option("A"), option("B"))))
			.expect(201)
			.id();
		try {
			String kam = this.given.kam();
			String other = this.given.kam();
			long first = 0;
			for (int i = 0; i < 4; i++) {
				long id = this.given
					.account(kam,
							json("name", Fixtures.unique("Tallied"), "owner", kam, "customFields",
									Map.of(key, (i < 3) ? "A" : "B")))
					.id();
				first = (i == 0) ? id : first;
			}
			int version = this.api.version(Api.ADMIN, "/api/v1/accounts/" + first);
			this.api
				.put(Api.ADMIN, "/api/v1/accounts/" + first,
						json("name", "Moved " + Fixtures.unique("Tallied"), "owner", other, "version", version))
				.expect(200);
			assertThat(rows(key)).as("written as changes").isGreaterThan(5);

			this.tally.fold();

			// kam: two of A, one of B; other: one of A; everyone (owner 0): three of A,
			// one
			// of B.
			assertThat(rows(key)).isEqualTo(5);
			assertThat(total(Api.ADMIN, key, "A")).isEqualTo(3);
			assertThat(total(kam, key, "A")).isEqualTo(2);
			assertThat(total(other, key, "A")).isEqualTo(1);
			assertThat(total(kam, key, "B")).isEqualTo(1);
		}
		finally {
			this.jdbc.sql("update custom_field set active = false where id = :id").param("id", field).update();
		}
	}

	private long rows(String key) {
		return this.jdbc.sql("select count(*) from account_custom_tally where field_key = :key")
			.param("key", key)
			.query(Long.class)
			.single();
	}

	/** The total a page of one tells, which the owners' counts give. */
	private long total(String user, String key, String value) {
		return this.api.get(user, "/api/v1/accounts?size=1&customFields." + key + "=" + value)
			.expect(200)
			.totalElements();
	}

	private static Map<String, Object> option(String key) {
		return Map.of("key", key, "labels", Map.of("zh", key, "en", key));
	}

}
