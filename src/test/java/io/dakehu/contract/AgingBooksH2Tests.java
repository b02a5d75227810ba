package io.dakehu.contract;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class AgingBooksH2Tests extends AgingBooksTests {

}
