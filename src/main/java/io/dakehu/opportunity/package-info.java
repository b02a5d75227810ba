/**
 * Opportunities, minimal for now: owner, optional account, product, stage, dates and
 * amount. Reads are scoped like accounts; an opportunity without an account is visible to
 * its owner's scope.
 */
package io.dakehu.opportunity;
