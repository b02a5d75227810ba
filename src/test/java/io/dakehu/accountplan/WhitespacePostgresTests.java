package io.dakehu.accountplan;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class WhitespacePostgresTests extends WhitespaceTests {

}
