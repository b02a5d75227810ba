/**
 * Products and product lines: what the customers buy. Other modules name products through
 * {@link io.dakehu.catalog.Catalog} and match imported product names with
 * {@link io.dakehu.catalog.ProductMatcher}.
 */
package io.dakehu.catalog;
