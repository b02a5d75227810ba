package io.dakehu.dataimport;

import io.dakehu.support.PostgresIntegrationTest;

/**
 * The same import scenarios on PostgreSQL 18 (embedded binaries), where the order ledger
 * writes through {@code COPY}: every query and migration of this feature runs on both
 * databases. It shares the one PostgreSQL server and context of every PostgreSQL test.
 */
@PostgresIntegrationTest
class ImportApiPostgresTest extends ImportApiTest {

}
