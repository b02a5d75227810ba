package io.dakehu.journey;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.dakehu.support.Lanes;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port over an in-memory H2 of the browser journeys'
 * own, shared by every journey (one cached context). The journeys drive a real browser,
 * which waits on pages more than it computes; on the H2 of the other tests they ran one
 * after another with those tests and made that lane the suite's longest. Beside it they
 * overlap (decision 0025).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "spring.datasource.url=jdbc:h2:mem:journeys;${dakehu.test.h2-settings}")
@ActiveProfiles("test")
@ResourceLock(Lanes.JOURNEYS)
@interface JourneyTest {

}
