package io.dakehu.accountplan;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class WhitespaceH2Tests extends WhitespaceTests {

}
