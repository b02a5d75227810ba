/**
 * Bulk data in and out: import jobs for every record type (CSV in UTF-8 or GB18030/GBK,
 * and .xlsx, streamed), validated row by row and committed all-or-nothing, and exports of
 * what the caller may see. It writes only through the other modules' public services.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "activity",
		"catalog", "contact", "contract", "customfield", "identity", "opportunity", "order", "relationship",
		"scorecard", "segmentation", "service", "shared" })
package io.dakehu.dataimport;
