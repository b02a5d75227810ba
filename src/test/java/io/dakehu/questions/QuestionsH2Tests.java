package io.dakehu.questions;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class QuestionsH2Tests extends QuestionsTests {

}
