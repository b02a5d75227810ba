/**
 * Accounts (customer organisations): hierarchy, owner and account team, key-account
 * attributes, and the record scope that decides who sees which account. Other modules
 * check visibility through {@link io.dakehu.account.AccountQueries}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "customfield", "identity", "shared" })
package io.dakehu.account;
