package io.dakehu.dataimport;

import io.dakehu.support.H2IntegrationTest;

/**
 * The import scenarios on the embedded H2, in the context every H2 test shares.
 */
@H2IntegrationTest
class ImportApiH2Test extends ImportApiTest {

}
