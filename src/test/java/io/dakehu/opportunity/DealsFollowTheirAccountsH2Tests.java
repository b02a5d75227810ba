package io.dakehu.opportunity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class DealsFollowTheirAccountsH2Tests extends DealsFollowTheirAccountsTests {

}
