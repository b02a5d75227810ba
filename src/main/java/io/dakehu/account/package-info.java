/**
 * Accounts (customer organisations): hierarchy, owner and account team, key-account
 * attributes, and the record scope that decides who sees which account. Other modules
 * check visibility through {@link io.dakehu.account.AccountQueries}.
 */
package io.dakehu.account;
