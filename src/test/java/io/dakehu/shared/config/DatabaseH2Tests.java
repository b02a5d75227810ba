package io.dakehu.shared.config;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class DatabaseH2Tests extends DatabaseTests {

	@Override
	String expectedProduct() {
		return "H2";
	}

}
