package io.dakehu.activity;

/**
 * An account's row of the latest-contact read model ({@link LastContactSql}) was
 * recomputed: a contact was logged, edited, deleted or moved by a merge. Published inside
 * the writing transaction.
 */
public record LastContactChanged(long accountId) {
}
