package io.dakehu.activity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ActivityApiH2Tests extends ActivityApiTests {

}
