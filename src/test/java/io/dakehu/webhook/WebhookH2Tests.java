package io.dakehu.webhook;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class WebhookH2Tests extends WebhookTests {

}
