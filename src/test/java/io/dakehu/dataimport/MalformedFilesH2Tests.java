package io.dakehu.dataimport;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class MalformedFilesH2Tests extends MalformedFilesTests {

}
