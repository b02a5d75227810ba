/**
 * The people at an account: titles, departments, who reports to whom. Every read and
 * write checks that the account is in the caller's record scope.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "account", "account :: sql", "customfield", "identity", "identity :: sql", "shared" })
package io.dakehu.contact;
