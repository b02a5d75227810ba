package io.dakehu.shared.audit;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ReadableHistoryPostgresTests extends ReadableHistoryTests {

}
