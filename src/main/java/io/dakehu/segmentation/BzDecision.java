package io.dakehu.segmentation;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The decision taken for a BZ customer: develop or let go, why, who follows it up
 * ({@code ownerId}, {@code ownerName}) and on which date, answering the BZ class of run
 * {@code runId}. It stands until a later company-wide run puts the customer in another
 * class.
 */
public record BzDecision(long accountId, long runId, BzChoice decision, String reason, long ownerId, String ownerName,
		LocalDate decidedOn, String recordedBy, LocalDateTime recordedAt) {
}
