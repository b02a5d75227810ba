package io.dakehu.webhook;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class WebhookPostgresTests extends WebhookTests {

}
