package io.dakehu.scorecard;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class SelectionLimitPagesPostgresTests extends SelectionLimitPagesTests {

}
