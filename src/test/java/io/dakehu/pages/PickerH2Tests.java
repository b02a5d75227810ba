package io.dakehu.pages;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class PickerH2Tests extends PickerTests {

}
