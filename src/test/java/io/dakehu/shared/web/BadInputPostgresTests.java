package io.dakehu.shared.web;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class BadInputPostgresTests extends BadInputTests {

}
