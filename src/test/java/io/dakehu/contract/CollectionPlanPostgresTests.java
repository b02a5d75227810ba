package io.dakehu.contract;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class CollectionPlanPostgresTests extends CollectionPlanTests {

}
