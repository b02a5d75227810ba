package io.dakehu.loyalty;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class LoyaltyApprovalPostgresTests extends LoyaltyApprovalTests {

}
