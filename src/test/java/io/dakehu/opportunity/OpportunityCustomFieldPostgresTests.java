package io.dakehu.opportunity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class OpportunityCustomFieldPostgresTests extends OpportunityCustomFieldTests {

}
