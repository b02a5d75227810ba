package io.dakehu.shared.web;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class DatabaseOutageH2Tests extends DatabaseOutageTests {

}
