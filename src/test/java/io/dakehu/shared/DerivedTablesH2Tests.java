package io.dakehu.shared;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class DerivedTablesH2Tests extends DerivedTablesTests {

	@Override
	boolean h2() {
		return true;
	}

}
