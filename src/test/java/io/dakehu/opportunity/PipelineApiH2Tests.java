package io.dakehu.opportunity;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class PipelineApiH2Tests extends PipelineApiTests {

}
