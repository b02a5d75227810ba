package io.dakehu.accountplan;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class AccountPlanPostgresTests extends AccountPlanTests {

}
