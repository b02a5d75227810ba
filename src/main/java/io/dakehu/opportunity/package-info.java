/**
 * Opportunities, minimal for now: owner, optional account, product, stage, dates and
 * amount. Reads are scoped like accounts; an opportunity without an account is visible to
 * its owner's scope.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "catalog",
		"catalog :: sql", "customfield", "identity", "identity :: sql", "order", "segmentation", "shared" })
package io.dakehu.opportunity;
