package io.dakehu.scorecard;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ScorecardExportsPostgresTests extends ScorecardExportsTests {

}
