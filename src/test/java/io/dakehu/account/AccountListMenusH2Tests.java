package io.dakehu.account;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class AccountListMenusH2Tests extends AccountListMenusTests {

}
