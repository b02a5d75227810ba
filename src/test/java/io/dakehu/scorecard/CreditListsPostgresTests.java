package io.dakehu.scorecard;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class CreditListsPostgresTests extends CreditListsTests {

}
