package io.dakehu.shared.config;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class DatabasePostgresTests extends DatabaseTests {

	@Override
	String expectedProduct() {
		return "PostgreSQL";
	}

}
