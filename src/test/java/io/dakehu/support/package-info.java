/**
 * Shared test infrastructure. An integration test is an abstract class extending
 * {@link io.dakehu.support.ApiTestSupport} plus two empty subclasses, one annotated
 * {@link io.dakehu.support.H2IntegrationTest} and one
 * {@link io.dakehu.support.PostgresIntegrationTest}; page tests use the same annotations
 * with the {@code MockMvc} they provide. Use exactly these annotations (no extra
 * properties or mocks) so the suite needs only these two Spring contexts and
 * {@link io.dakehu.support.DemoDataIntegrationTest}'s for the demo's figures (decision
 * 0025). Create your own users and accounts through {@link io.dakehu.support.Fixtures}:
 * names are unique per call, so no test depends on another's data.
 */
package io.dakehu.support;
