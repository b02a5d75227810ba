package io.dakehu.relationship;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class RelationshipApiPostgresTests extends RelationshipApiTests {

}
