package io.dakehu.report;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class FunnelSeedTablePostgresTests extends FunnelSeedTableTests {

}
