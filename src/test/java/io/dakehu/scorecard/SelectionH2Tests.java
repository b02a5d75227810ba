package io.dakehu.scorecard;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class SelectionH2Tests extends SelectionTests {

}
