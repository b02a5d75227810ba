package io.dakehu.activity;

import java.time.LocalDate;

/**
 * An account whose latest activity planned a next contact, for the home page.
 */
public record UpcomingContact(long accountId, String accountName, LocalDate nextContactDate, String nextStep,
		boolean overdue) {
}
