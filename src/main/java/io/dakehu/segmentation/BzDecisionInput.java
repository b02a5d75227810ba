package io.dakehu.segmentation;

import java.time.LocalDate;

/**
 * A decision for a BZ customer as a manager enters it; {@code owner} is the username of
 * who follows it up, {@code decidedOn} today when left empty.
 */
public record BzDecisionInput(BzChoice decision, String reason, String owner, LocalDate decidedOn) {
}
