/**
 * Events out (DOMAIN.md §13, decision 0047): the webhooks administrators register, the
 * transactional outbox the business events are written to, and the worker that delivers
 * them signed, in order per record, retried with backoff and logged. The owning modules
 * publish the events ({@link io.dakehu.shared.outbound}); this module listens inside
 * their transactions, so nothing depends on it and it names no other module's table.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package io.dakehu.webhook;
