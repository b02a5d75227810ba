package io.dakehu.contact;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ContactListH2Tests extends ContactListTests {

}
