package io.dakehu.home;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class PoolDueDaysH2Tests extends PoolDueDaysTests {

}
