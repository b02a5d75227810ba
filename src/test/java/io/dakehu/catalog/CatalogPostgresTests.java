package io.dakehu.catalog;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class CatalogPostgresTests extends CatalogTests {

}
