package io.dakehu.retention;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ChurnRiskH2Tests extends ChurnRiskTests {

}
