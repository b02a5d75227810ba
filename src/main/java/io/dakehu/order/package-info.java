/**
 * The purchase ledger: order lines (what each account bought, when, for how much and at
 * what cost). It drives segmentation. Lines arrive in bulk through
 * {@link io.dakehu.order.OrderLedger#append}; reads are scoped like accounts.
 */
@org.springframework.modulith.ApplicationModule(
		allowedDependencies = { "account", "account :: sql", "catalog", "catalog :: sql", "identity", "shared" })
package io.dakehu.order;
