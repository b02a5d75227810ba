package io.dakehu.config;

import io.dakehu.DakehuApplication;
import io.dakehu.support.Lanes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The production profile must not quietly run on the embedded database.
 */
@ResourceLock(Lanes.OWN_DATABASES)
class PostgresProfileTests {

	@Test
	void refusesToStartOnH2() {
		SpringApplicationBuilder application = new SpringApplicationBuilder(DakehuApplication.class)
			.web(WebApplicationType.NONE)
			.profiles("postgres")
			.properties("DAKEHU_DB_URL=jdbc:h2:mem:wrong;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "DAKEHU_DB_USER=sa",
					"DAKEHU_DB_PASSWORD=", "spring.main.banner-mode=off");
		assertThatThrownBy(application::run).hasStackTraceContaining("needs a PostgreSQL database");
	}

}
