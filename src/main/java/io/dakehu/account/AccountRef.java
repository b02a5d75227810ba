package io.dakehu.account;

/**
 * A visible account as other modules refer to it.
 *
 * @param ownerId null while the account is in the public pool
 */
public record AccountRef(long id, String name, Long ownerId) {
}
