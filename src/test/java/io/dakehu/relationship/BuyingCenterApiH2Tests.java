package io.dakehu.relationship;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class BuyingCenterApiH2Tests extends BuyingCenterApiTests {

}
