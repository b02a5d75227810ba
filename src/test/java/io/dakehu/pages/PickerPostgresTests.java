package io.dakehu.pages;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class PickerPostgresTests extends PickerTests {

}
