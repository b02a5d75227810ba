package io.dakehu.scorecard;

import java.math.BigDecimal;

import org.springframework.data.relational.core.mapping.Table;

/**
 * One factor of a channel evaluation as it was scored.
 */
@Table("channel_evaluation_line")
record ChannelEvaluationLine(int number, String valueText, BigDecimal points) {
}
