package io.dakehu.report;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class FunnelSeedTableH2Tests extends FunnelSeedTableTests {

}
