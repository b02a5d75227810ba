package io.dakehu.questions;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class QuestionsPostgresTests extends QuestionsTests {

}
