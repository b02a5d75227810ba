package io.dakehu.dataimport;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class NodeRecoveryPostgresTests extends NodeRecoveryTests {

}
