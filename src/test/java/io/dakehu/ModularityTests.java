package io.dakehu;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module layout from ARCHITECTURE.md holds: no module reaches into another's
 * internals and there are no cycles between modules.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(DakehuApplication.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void hasTheFoundationModules() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString())).contains("identity",
				"account", "contact", "activity", "shared");
	}

}
