package io.dakehu.relationship;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A recorded assessment with its stage under the current stage table.
 *
 * @param stage null when the relationship is not yet established
 */
public record AssessmentView(long id, long accountId, int personal, int company, RelationshipStage stage,
		LocalDate assessedOn, String assessor, String assessorName, String evidence, LocalDateTime createdAt) {
}
