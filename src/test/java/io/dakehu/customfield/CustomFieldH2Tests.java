package io.dakehu.customfield;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class CustomFieldH2Tests extends CustomFieldTests {

}
