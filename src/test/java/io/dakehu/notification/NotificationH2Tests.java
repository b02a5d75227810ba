package io.dakehu.notification;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class NotificationH2Tests extends NotificationTests {

}
