package io.dakehu.loyalty;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class LoyaltyApprovalH2Tests extends LoyaltyApprovalTests {

}
