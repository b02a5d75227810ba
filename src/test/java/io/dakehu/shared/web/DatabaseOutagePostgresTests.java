package io.dakehu.shared.web;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class DatabaseOutagePostgresTests extends DatabaseOutageTests {

}
