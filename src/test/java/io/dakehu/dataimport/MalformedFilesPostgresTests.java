package io.dakehu.dataimport;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class MalformedFilesPostgresTests extends MalformedFilesTests {

}
