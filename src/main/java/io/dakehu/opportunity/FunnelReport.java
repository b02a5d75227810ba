package io.dakehu.opportunity;

import java.time.LocalDate;
import java.util.List;

/**
 * The funnel per salesperson for a period, and the total over the lines shown.
 */
public record FunnelReport(LocalDate from, LocalDate to, List<FunnelLine> rows, FunnelLine total) {
}
