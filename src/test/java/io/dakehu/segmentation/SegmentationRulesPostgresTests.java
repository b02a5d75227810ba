package io.dakehu.segmentation;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class SegmentationRulesPostgresTests extends SegmentationRulesTests {

}
