package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * An account at a stage of the selection funnel with its newest evaluation.
 *
 * @param owner the owner's username, null for an account in the public pool
 * @param accepted whether any of its selections was accepted
 */
public record FunnelAccount(long accountId, String name, String owner, long evaluationId, BigDecimal score,
		SelectionResult result, LocalDateTime evaluatedAt, boolean accepted) {
}
