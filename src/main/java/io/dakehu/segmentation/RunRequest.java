package io.dakehu.segmentation;

import java.time.LocalDate;

/**
 * What to segment: a period and a measure. Missing parts take the defaults: the last
 * twelve months up to today (up to the newest purchase when the ledger has none in them),
 * ranked by revenue.
 */
public record RunRequest(LocalDate from, LocalDate to, Measure measure) {
}
