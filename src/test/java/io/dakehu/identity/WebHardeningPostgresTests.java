package io.dakehu.identity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class WebHardeningPostgresTests extends WebHardeningTests {

}
