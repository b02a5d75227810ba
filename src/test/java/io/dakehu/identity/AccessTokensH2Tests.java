package io.dakehu.identity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class AccessTokensH2Tests extends AccessTokensTests {

}
