package io.dakehu.export;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class PageExportsH2Tests extends PageExportsTests {

}
