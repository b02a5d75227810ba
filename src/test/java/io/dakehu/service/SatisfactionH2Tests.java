package io.dakehu.service;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class SatisfactionH2Tests extends SatisfactionTests {

}
