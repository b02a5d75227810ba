package io.dakehu.catalog;

/**
 * A product line as other modules list it.
 *
 * @param firstProductId its first active product by name, to suggest when an offer of the
 * line is opened; null when the line has none
 */
public record ProductLineView(long id, String name, Long firstProductId) {
}
