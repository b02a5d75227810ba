package io.dakehu.relationship;

import java.time.LocalDate;

/**
 * How the portfolio's stages moved since a date: each assessed account compared with
 * where it stood on that date.
 *
 * @param firstAssessed accounts assessed only after the date
 */
public record Movement(LocalDate since, long up, long same, long down, long firstAssessed) {
}
