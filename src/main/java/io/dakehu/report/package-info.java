/**
 * Reports across modules: the sales funnel per salesperson (DOMAIN.md §9) as a table, a
 * CSV file and a chart, and Sales ROI (sales ÷ hours spent) per salesperson and account.
 * The numbers come from the opportunity and activity modules' public services.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "account", "activity", "identity", "opportunity", "shared" })
package io.dakehu.report;
