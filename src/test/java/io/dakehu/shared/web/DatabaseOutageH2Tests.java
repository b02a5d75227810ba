package io.dakehu.shared.web;

import io.dakehu.support.H2IntegrationTest;

/**
 * On one database only: the outage is the pool's (every connection taken, each request
 * giving up after the pool's timeout), the same whatever database is behind it, and the
 * test waits three of those timeouts, ten seconds of the suite's slowest lane when it ran
 * on PostgreSQL too. How each driver reports a lost connection is checked without a
 * server ({@code io.dakehu.shared.DatabaseOutageCausesTests}).
 */
@H2IntegrationTest
class DatabaseOutageH2Tests extends DatabaseOutageTests {

}
