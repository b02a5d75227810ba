package io.dakehu.contract;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class CollectionPlanH2Tests extends CollectionPlanTests {

}
