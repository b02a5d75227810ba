package io.dakehu.activity;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the read model behind {@link LastContactSql}: one row per account with its latest
 * contact and the next contact that one planned (decision 0034). Every write to the
 * activity table calls {@link #refresh(long)} for the accounts it touched, inside the
 * same transaction, so the row commits with the activity or not at all.
 */
@Component
class LastContactBook {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher publisher;

	LastContactBook(JdbcClient jdbc, ApplicationEventPublisher publisher) {
		this.jdbc = jdbc;
		this.publisher = publisher;
	}

	/**
	 * Recomputes the account's row from its activities: the latest contact (the higher id
	 * first at the same time, as the timeline orders them), or no row when none is left;
	 * then tells the read models built on it ({@link LastContactChanged}).
	 */
	void refresh(long accountId) {
		write(accountId);
		this.publisher.publishEvent(new LastContactChanged(accountId));
	}

	private void write(long accountId) {
		// The row lock makes a concurrent writer of the same account wait, and each
		// statement after it reads what that writer committed (read committed takes a
		// new snapshot per statement), so the last of two writers sees both activities.
		boolean held = !this.jdbc
			.sql("select account_id from activity_last_contact where account_id = :account for update")
			.param("account", accountId)
			.query(Long.class)
			.list()
			.isEmpty();
		Optional<Latest> latest = latest(accountId);
		if (latest.isEmpty()) {
			this.jdbc.sql("delete from activity_last_contact where account_id = :account")
				.param("account", accountId)
				.update();
			return;
		}
		if (held) {
			this.jdbc
				.sql("update activity_last_contact set last_contact_at = :at, next_contact_date = :next"
						+ " where account_id = :account")
				.param("account", accountId)
				.param("at", latest.get().at())
				.param("next", latest.get().next())
				.update();
			return;
		}
		int inserted = this.jdbc
			.sql("insert into activity_last_contact (account_id, last_contact_at, next_contact_date)"
					+ " values (:account, :at, :next) on conflict do nothing")
			.param("account", accountId)
			.param("at", latest.get().at())
			.param("next", latest.get().next())
			.update();
		if (inserted == 0) {
			// Another writer inserted the row and has committed by now (the insert waited
			// for it): lock that row and recompute with its activity in view.
			write(accountId);
		}
	}

	private Optional<Latest> latest(long accountId) {
		List<Latest> rows = this.jdbc
			.sql("select occurred_at, next_contact_date from activity where account_id = :account"
					+ " and type in (:types) order by occurred_at desc, id desc fetch first 1 rows only")
			.param("account", accountId)
			.param("types", ActivityType.contactCodes())
			.query((rs, n) -> new Latest(rs.getTimestamp(1).toLocalDateTime(), rs.getObject(2, LocalDate.class)))
			.list();
		return rows.stream().findFirst();
	}

	private record Latest(LocalDateTime at, LocalDate next) {
	}

}
