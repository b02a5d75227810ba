package io.dakehu.retention;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ChurnRiskPostgresTests extends ChurnRiskTests {

}
