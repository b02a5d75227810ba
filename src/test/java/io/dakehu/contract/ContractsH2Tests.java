package io.dakehu.contract;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ContractsH2Tests extends ContractsTests {

}
