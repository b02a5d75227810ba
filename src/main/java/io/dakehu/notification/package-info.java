/**
 * The notification centre and e-mail (DOMAIN.md §10, decision 0030): it delivers the
 * {@link io.dakehu.shared.NoticeRequested} events other modules publish, after their
 * transaction commits, to each recipient (and their managers when asked, as identity
 * tells), once per fact; keeps them for the bell and the list, rendered in the reader's
 * language when read; and sends them by e-mail through an outbox when SMTP is configured,
 * unless the recipient opted out of that kind. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package io.dakehu.notification;
