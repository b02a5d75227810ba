package io.dakehu.shared;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class DerivedTablesPostgresTests extends DerivedTablesTests {

	@Override
	boolean h2() {
		return false;
	}

}
