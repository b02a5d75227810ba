package io.dakehu.home;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class PoolDueDaysPostgresTests extends PoolDueDaysTests {

}
