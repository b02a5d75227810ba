package io.dakehu.customfield;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class CustomFieldPostgresTests extends CustomFieldTests {

}
