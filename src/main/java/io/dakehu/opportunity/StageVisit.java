package io.dakehu.opportunity;

import java.time.LocalDateTime;

/**
 * One stay of an opportunity in a stage: when it came and when it left (null while it is
 * still there), and who moved it in.
 */
public record StageVisit(Stage stage, LocalDateTime enteredAt, LocalDateTime leftAt, String changedBy, long days) {
}
