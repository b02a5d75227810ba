package io.dakehu.scorecard;

import java.math.BigDecimal;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One indicator of a credit rating as it was scored, kept with the rating.
 */
@Table("credit_rating_line")
record CreditRatingLine(int number, String valueText, String computedText, String overrideReason, BigDecimal points) {
}
