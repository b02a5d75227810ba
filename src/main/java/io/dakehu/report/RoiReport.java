package io.dakehu.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Sales ROI for a period, per salesperson and per account, highest sales first.
 */
public record RoiReport(LocalDate from, LocalDate to, List<RoiLine> salespeople, List<RoiLine> accounts) {
}
