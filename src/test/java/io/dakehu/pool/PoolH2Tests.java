package io.dakehu.pool;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class PoolH2Tests extends PoolTests {

}
