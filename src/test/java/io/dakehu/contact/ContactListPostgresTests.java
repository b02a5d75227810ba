package io.dakehu.contact;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ContactListPostgresTests extends ContactListTests {

}
