package io.dakehu.scorecard;

import java.math.BigDecimal;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One criterion of a customer selection as it was scored.
 */
@Table("selection_evaluation_line")
record SelectionEvaluationLine(int number, String valueText, BigDecimal points) {
}
