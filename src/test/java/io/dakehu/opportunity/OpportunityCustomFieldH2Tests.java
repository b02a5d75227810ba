package io.dakehu.opportunity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class OpportunityCustomFieldH2Tests extends OpportunityCustomFieldTests {

}
