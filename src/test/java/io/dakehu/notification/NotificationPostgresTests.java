package io.dakehu.notification;

import io.dakehu.support.PostgresIntegrationTest;

@PostgresIntegrationTest
class NotificationPostgresTests extends NotificationTests {

}
