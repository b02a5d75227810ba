package io.dakehu.scorecard;

/**
 * A rater's replacement for a value the product computed, with the reason the audit
 * keeps.
 *
 * @param value the value to use instead, in the indicator's input type
 */
public record ComputedOverride(Object value, String reason) {
}
