package io.dakehu.contract;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class AgingBooksPostgresTests extends AgingBooksTests {

}
