package io.dakehu.opportunity;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class KamOpportunityBookPostgresTests extends KamOpportunityBookTests {

}
