/**
 * Follow-up records (跟进记录): visits, calls, gifts, hosting and the rest, with their
 * duration, cost, participants and the next step; the account timeline and each user's
 * upcoming contacts.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "account", "account :: sql", "contact", "identity", "shared" })
package io.dakehu.activity;
