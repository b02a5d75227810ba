package io.dakehu.contact;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ContactCustomFieldH2Tests extends ContactCustomFieldTests {

}
