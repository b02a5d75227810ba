/**
 * The home page each role starts from: a KAM's day (contacts due, deals to move,
 * assessments missing), a manager's team (pipeline, forecast against quota, what is
 * overdue per person) and a director's company (customers per tier, movers between tiers,
 * key accounts at risk), each with the list behind it. It only composes the other
 * modules' public services and the query fragments they publish; nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "activity",
		"activity :: sql", "contact", "contract", "identity", "opportunity", "order", "relationship",
		"relationship :: sql", "scorecard", "segmentation", "segmentation :: sql", "service", "shared" })
package io.dakehu.home;
