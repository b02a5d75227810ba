package io.dakehu.contract;

/**
 * One line of the aging report: an account, an owner or a team with what it is owed.
 *
 * @param id the account's, owner's or team's id; null for owners without a team
 */
public record AgingRow(Long id, String name, Aging aging) {
}
