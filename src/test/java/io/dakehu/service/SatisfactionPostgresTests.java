package io.dakehu.service;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class SatisfactionPostgresTests extends SatisfactionTests {

}
