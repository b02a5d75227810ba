package io.dakehu.segmentation;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class SegmentationRulesH2Tests extends SegmentationRulesTests {

}
