package io.dakehu.shared.audit;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A page of an account's history, newest first, and where the next older page starts:
 * {@code older} is the time the next page reads before, null when this page reaches the
 * first row.
 */
public record AuditPage(List<AuditEntry> entries, LocalDateTime older) {
}
