package io.dakehu.service;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * One thing a customer said about how satisfied they are, 1–5: a survey's overall score
 * or the satisfaction with a complaint's handling given at its return visit (decision
 * 0031).
 *
 * @param on the day it was said
 * @param at when it was recorded, which orders two points of one day
 * @param sourceId the survey's or the complaint's id
 */
public record SatisfactionPoint(LocalDate on, LocalDateTime at, int score, Kind kind, long sourceId) {

	public enum Kind {

		SURVEY, RETURN_VISIT

	}

}
