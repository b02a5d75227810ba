package io.dakehu.retention;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One churn-risk run: the day it judged, who started it, and how many customers it put at
 * each level.
 */
public record ChurnRun(long id, LocalDate asOf, String startedBy, LocalDateTime startedAt, long durationMillis,
		long accounts, long high, long medium, long low) {

}
