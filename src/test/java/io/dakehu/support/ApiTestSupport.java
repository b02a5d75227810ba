package io.dakehu.support;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Base of the integration tests that run once on H2 and once on PostgreSQL: a concrete
 * subclass adds only {@link H2IntegrationTest} or {@link PostgresIntegrationTest}. One
 * instance per class, so a class may set up shared read-only data in {@code @BeforeAll}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTestSupport {

	@LocalServerPort
	private int port;

	/** For checks the API does not expose, such as the audit log or "nothing changed". */
	@Autowired
	protected JdbcClient jdbc;

	protected Api api;

	protected Fixtures given;

	@BeforeAll
	void connect() {
		this.api = new Api(this.port);
		this.given = new Fixtures(this.api);
	}

}
