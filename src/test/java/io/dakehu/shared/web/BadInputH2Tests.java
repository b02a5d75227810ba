package io.dakehu.shared.web;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class BadInputH2Tests extends BadInputTests {

}
