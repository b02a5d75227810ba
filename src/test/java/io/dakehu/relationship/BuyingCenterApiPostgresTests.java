package io.dakehu.relationship;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class BuyingCenterApiPostgresTests extends BuyingCenterApiTests {

}
