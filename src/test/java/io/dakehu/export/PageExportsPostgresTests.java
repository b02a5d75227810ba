package io.dakehu.export;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class PageExportsPostgresTests extends PageExportsTests {

}
