package io.dakehu.relationship;

import java.time.LocalDate;

/**
 * An assessment as entered. Levels are checked by the service (0–5) so the page and the
 * API give the same field errors.
 *
 * @param assessedOn the day the assessment describes; today when null
 * @param evidence why the levels are what they are; required for a jump of more than one
 * level
 */
public record AssessmentInput(Integer personal, Integer company, LocalDate assessedOn, String evidence) {
}
