package io.dakehu.dataimport;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ImportGuardsH2Tests extends ImportGuardsTests {

}
