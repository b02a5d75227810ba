package io.dakehu.account;

/**
 * A visible account as other modules refer to it.
 */
public record AccountRef(long id, String name, long ownerId) {
}
