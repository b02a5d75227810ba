/**
 * The standard questions (DOMAIN.md §11): gold customers, cost drivers, the companies we
 * most want to win this year, big customers with repeated complaints last year, last
 * year's biggest customers this year, customers buying one or two of our product lines,
 * and contacts overdue, each answered for the reader's scope with the accounts behind it.
 * Every answer is one statement composed from the fragments the owning modules publish;
 * this module owns no table.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account :: sql", "activity :: sql",
		"catalog :: sql", "identity", "identity :: sql", "opportunity :: sql", "order :: sql", "segmentation",
		"segmentation :: sql", "service :: sql", "shared" })
package io.dakehu.questions;
