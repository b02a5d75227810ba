/**
 * Users, teams, roles, login and record scope. Other modules ask
 * {@link io.dakehu.identity.Users} who is signed in and which records they may see.
 */
package io.dakehu.identity;
