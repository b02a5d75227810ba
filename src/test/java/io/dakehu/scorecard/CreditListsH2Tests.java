package io.dakehu.scorecard;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class CreditListsH2Tests extends CreditListsTests {

}
