package io.dakehu.shared.audit;

import io.dakehu.support.H2IntegrationTest;

@H2IntegrationTest
class ReadableHistoryH2Tests extends ReadableHistoryTests {

}
