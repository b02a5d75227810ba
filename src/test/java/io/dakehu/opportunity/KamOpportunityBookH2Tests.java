package io.dakehu.opportunity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class KamOpportunityBookH2Tests extends KamOpportunityBookTests {

}
