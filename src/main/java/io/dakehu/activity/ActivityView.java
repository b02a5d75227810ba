package io.dakehu.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * An activity on the timeline and in the API, with participants by name.
 */
public record ActivityView(long id, long accountId, ActivityType type, LocalDateTime occurredAt,
		Integer durationMinutes, BigDecimal cost, String summary, String nextStep, LocalDate nextContactDate,
		String createdBy, List<Participant> contacts, List<Participant> participants, int version) {

	/**
	 * A contact or one of our users, by id and name.
	 */
	public record Participant(long id, String name) {
	}

}
