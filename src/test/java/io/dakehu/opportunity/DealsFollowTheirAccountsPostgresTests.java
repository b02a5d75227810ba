package io.dakehu.opportunity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class DealsFollowTheirAccountsPostgresTests extends DealsFollowTheirAccountsTests {

}
