package io.dakehu.shared.audit;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class AuditTrailH2Tests extends AuditTrailTests {

}
