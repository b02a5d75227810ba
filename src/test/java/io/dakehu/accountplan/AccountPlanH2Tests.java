package io.dakehu.accountplan;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class AccountPlanH2Tests extends AccountPlanTests {

}
