/**
 * Users, teams, roles, login and record scope. Other modules ask
 * {@link io.dakehu.identity.Users} who is signed in and which records they may see.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package io.dakehu.identity;
