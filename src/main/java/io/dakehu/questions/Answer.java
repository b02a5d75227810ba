package io.dakehu.questions;

import java.time.LocalDate;

import io.dakehu.shared.PageResult;

/**
 * A question answered for a reader: a page of the accounts behind it and the period it
 * looked at, which the page and the file name in the question's explanation.
 *
 * @param from the first day the answer looked at (the segmentation run's period for the
 * questions read from it; null before the first run)
 * @param to the last day it looked at
 * @param productLines how many product lines the catalog has (the few-lines question),
 * zero for the others
 */
public record Answer(Question question, LocalDate from, LocalDate to, long productLines,
		PageResult<AnswerRow> accounts) {

}
