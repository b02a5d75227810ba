package io.dakehu.account;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class AccountListMenusPostgresTests extends AccountListMenusTests {

}
