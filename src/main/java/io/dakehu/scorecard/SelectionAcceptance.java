package io.dakehu.scorecard;

/**
 * A manager's acceptance of a recommended customer selection.
 *
 * @param version the evaluation's version as the manager read it
 * @param keyAccountType the key-account type the account takes (ECONOMIC, IMPORTANT,
 * GROUP or STRATEGIC)
 */
public record SelectionAcceptance(Integer version, String keyAccountType) {
}
