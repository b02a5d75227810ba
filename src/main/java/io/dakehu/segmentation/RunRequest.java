package io.dakehu.segmentation;

import java.time.LocalDate;

/**
 * What to segment: a period and a measure. Missing parts take the defaults: the twelve
 * months up to the newest purchase on record (or up to today when there is none), ranked
 * by revenue.
 */
public record RunRequest(LocalDate from, LocalDate to, Measure measure) {
}
