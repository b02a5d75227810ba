package io.dakehu.service;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ComplaintsH2Tests extends ComplaintsTests {

}
