package io.dakehu.activity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ActivityApiPostgresTests extends ActivityApiTests {

}
