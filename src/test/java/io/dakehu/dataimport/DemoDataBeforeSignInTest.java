package io.dakehu.dataimport;

import io.dakehu.support.CountsWhenServing;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nobody signs in to a half-loaded demo: when the web server starts taking requests, the
 * demo users, accounts and story are all there already ({@link CountsWhenServing} counts
 * them as the server starts).
 */
@DemoDataIntegrationTest
class DemoDataBeforeSignInTest {

	@Test
	void theDemoIsWholeWhenTheWebServerStarts() throws Exception {
		assertThat(CountsWhenServing.ACCOUNTS.get()).isEqualTo(DemoDataFiles.accounts().size());
		assertThat(CountsWhenServing.ACTIVITIES.get()).isEqualTo(DemoDataFiles.csv("story/activities.csv").size());
	}

}
