package io.dakehu.opportunity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class WonDealCostPostgresTests extends WonDealCostTests {

}
