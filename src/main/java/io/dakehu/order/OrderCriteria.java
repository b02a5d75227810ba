package io.dakehu.order;

import java.time.LocalDate;

/**
 * Which order lines a list shows: all optional; {@code from} and {@code to} are inclusive
 * dates.
 */
public record OrderCriteria(Long accountId, LocalDate from, LocalDate to) {

	public static OrderCriteria all() {
		return new OrderCriteria(null, null, null);
	}

}
