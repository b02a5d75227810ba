package io.dakehu.opportunity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class PipelineListApiH2Tests extends PipelineListApiTests {

}
