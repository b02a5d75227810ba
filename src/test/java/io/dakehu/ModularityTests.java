package io.dakehu;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module layout from ARCHITECTURE.md holds: no module reaches into another's
 * internals, there are no cycles between modules, and each module reaches only the
 * modules and named interfaces its {@code package-info.java} declares.
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

	/**
	 * A module without {@code allowedDependencies} may depend on anything, so the
	 * verification would let a new arrow in unseen; only the open {@code shared} module
	 * goes without.
	 */
	@Test
	void everyModuleDeclaresItsArrows() {
		List<String> closed = this.modules.stream()
			.filter((module) -> !module.isOpen())
			.map((module) -> module.getBasePackage().getName())
			.toList();
		assertThat(closed).contains("io.dakehu.account", "io.dakehu.home", "io.dakehu.report")
			.doesNotContain("io.dakehu.shared");
		for (String base : closed) {
			assertThat(allowedDependencies(base)).as(base).isNotEmpty().doesNotContain(ApplicationModule.OPEN_TOKEN);
		}
	}

	/** What the module's package-info declares; empty without the annotation. */
	private static String[] allowedDependencies(String basePackage) {
		try {
			ApplicationModule declared = Class.forName(basePackage + ".package-info")
				.getAnnotation(ApplicationModule.class);
			return (declared != null) ? declared.allowedDependencies() : new String[0];
		}
		catch (ClassNotFoundException ex) {
			// A package-info without annotations compiles to no class.
			return new String[0];
		}
	}

}
