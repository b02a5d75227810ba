package io.dakehu.catalog;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class CatalogH2Tests extends CatalogTests {

}
