/**
 * How each tier is served (DOMAIN.md §10): the service level a tier earns and the
 * complaints handled against it, with first-responder ownership, due times, the return
 * visit and the repeated-complaint flag.
 * <p>
 * An account's tier and ABC class come from the latest segmentation run through what
 * segmentation publishes; record scope is the account's, composed from
 * {@link io.dakehu.account.AccountScopeSql}. Those arrows are declared here, so a new
 * reach into another module fails the module verification.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "account", "account :: sql", "contact",
		"identity", "segmentation", "segmentation :: sql", "shared" })
package io.dakehu.service;
