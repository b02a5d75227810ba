/**
 * Relationship depth: the 25-grid (personal × company, DOMAIN.md §4) with its stored
 * stage table and level names, dated assessments per account, the portfolio heat map,
 * buying-center roles per opportunity and the coverage warnings drawn from the buying
 * center (DOMAIN.md §7). Depends on account, contact and opportunity through their public
 * services; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "account", "account :: sql", "contact", "identity", "opportunity", "shared" })
package io.dakehu.relationship;
