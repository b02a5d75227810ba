package io.dakehu.scorecard;

import java.time.LocalDateTime;

/** One version of a scorecard in its history. */
public record VersionSummary(long id, int versionNo, String createdBy, LocalDateTime createdAt) {
}
