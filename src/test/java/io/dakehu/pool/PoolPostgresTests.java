package io.dakehu.pool;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class PoolPostgresTests extends PoolTests {

}
