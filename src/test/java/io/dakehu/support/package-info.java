/**
 * Shared test infrastructure. An integration test is an abstract class extending
 * {@link io.dakehu.support.ApiTestSupport} plus two empty subclasses, one annotated
 * {@link io.dakehu.support.H2IntegrationTest} and one
 * {@link io.dakehu.support.PostgresIntegrationTest}; use exactly these annotations (no
 * extra properties or mocks) so the whole suite needs only two Spring contexts. Create
 * your own users and accounts through {@link io.dakehu.support.Fixtures}: names are
 * unique per call, so no test depends on another's data.
 */
package io.dakehu.support;
