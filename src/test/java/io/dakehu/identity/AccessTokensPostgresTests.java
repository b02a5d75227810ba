package io.dakehu.identity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class AccessTokensPostgresTests extends AccessTokensTests {

}
