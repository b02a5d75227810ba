package io.dakehu.contact;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class ContactCustomFieldPostgresTests extends ContactCustomFieldTests {

}
