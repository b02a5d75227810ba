package io.dakehu.shared.config;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class QuietSessionsPostgresTests extends QuietSessionsTests {

}
