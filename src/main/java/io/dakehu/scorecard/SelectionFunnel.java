package io.dakehu.scorecard;

/**
 * How far the accounts in scope went through customer selection (DOMAIN.md §6): each
 * stage counts distinct accounts, each a subset of the one before.
 *
 * @param evaluated accounts with at least one selection
 * @param recommended of those, accounts recommended at least once
 * @param accepted of those, accounts a manager accepted as key accounts
 * @param customers of those, accounts that are customers now (they bought and are not
 * lost)
 */
public record SelectionFunnel(long evaluated, long recommended, long accepted, long customers) {
}
