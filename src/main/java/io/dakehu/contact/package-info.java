/**
 * The people at an account: titles, departments, who reports to whom. Every read and
 * write checks that the account is in the caller's record scope.
 */
package io.dakehu.contact;
