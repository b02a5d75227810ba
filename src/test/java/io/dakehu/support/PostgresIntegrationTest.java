package io.dakehu.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on a random port over embedded PostgreSQL (one server per JVM,
 * see {@link EmbeddedPostgresInitializer}), with a {@code MockMvc} beside the real HTTP
 * port. Every class carrying exactly this annotation shares one cached Spring context
 * (decision 0025).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "pgtest" })
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@AutoConfigureMockMvc
@ResourceLock(Lanes.POSTGRES)
public @interface PostgresIntegrationTest {

}
