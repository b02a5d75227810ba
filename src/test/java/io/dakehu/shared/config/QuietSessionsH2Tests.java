package io.dakehu.shared.config;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class QuietSessionsH2Tests extends QuietSessionsTests {

}
