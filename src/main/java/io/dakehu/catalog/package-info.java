/**
 * Products and product lines: what the customers buy. Other modules name products through
 * {@link io.dakehu.catalog.Catalog} and match imported product names with
 * {@link io.dakehu.catalog.ProductMatcher}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "shared" })
package io.dakehu.catalog;
