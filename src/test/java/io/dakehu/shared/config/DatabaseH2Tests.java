package io.dakehu.shared.config;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@H2IntegrationTest
class DatabaseH2Tests extends DatabaseTests {

	/**
	 * On one database only: the description is read from the controllers, whatever the
	 * database, and the first one a context makes cost 4.5 s of CPU on a quiet machine
	 * (5–10 s of the suite's PostgreSQL lane).
	 */
	@Test
	void documentsTheApiForAdministratorsOnly() {
		Response docs = this.api.get(Api.ADMIN, "/v3/api-docs").expect(200);
		assertThat(docs.body().get("paths").has("/api/v1/accounts")).isTrue();
		assertThat(docs.body().get("paths").has("/api/v1/accounts/{id}")).isTrue();
		assertThat(this.api.get(this.given.kam(), "/v3/api-docs").status()).isEqualTo(403);
		assertThat(this.api.get(null, "/v3/api-docs").status()).isNotEqualTo(200);
	}

	@Override
	String expectedProduct() {
		return "H2";
	}

}
