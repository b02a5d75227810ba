package io.dakehu.dataimport;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class NodeRecoveryH2Tests extends NodeRecoveryTests {

}
