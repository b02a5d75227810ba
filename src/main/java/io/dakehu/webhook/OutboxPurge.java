package io.dakehu.webhook;

import java.time.Clock;
import java.time.LocalDateTime;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Forgets, every night, the events older than {@code dakehu.webhook.keep-days} (30 by
 * default) that no webhook still waits for: their finished deliveries (delivered, or
 * given up) go with their attempts, so the outbox and the deliveries log do not grow
 * without end. A delivery still pending is kept whatever its age: the events after it for
 * the same record wait for it.
 */
@Component
class OutboxPurge {

	private static final Logger log = LoggerFactory.getLogger(OutboxPurge.class);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int keepDays;

	OutboxPurge(JdbcClient jdbc, Clock clock, @Value("${dakehu.webhook.keep-days:30}") int keepDays) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.keepDays = keepDays;
	}

	@Scheduled(cron = "${dakehu.webhook.purge-cron:0 20 4 * * *}")
	@SchedulerLock(name = "webhook-purge", lockAtMostFor = "PT1H")
	public void nightly() {
		int forgotten = purge(LocalDateTime.now(this.clock).minusDays(this.keepDays));
		if (forgotten > 0) {
			log.info("Forgot {} webhook events older than {} days", forgotten, this.keepDays);
		}
	}

	/**
	 * Forgets the events that occurred before the time and whose deliveries are all
	 * finished.
	 * @return how many events were forgotten
	 */
	@Transactional
	int purge(LocalDateTime before) {
		// The attempts follow their deliveries (on delete cascade).
		this.jdbc.sql("""
				delete from webhook_delivery
				where status in ('DELIVERED', 'FAILED')
				  and event_row_id in (select e.id from webhook_event e where e.occurred_at < :before)""")
			.param("before", before)
			.update();
		return this.jdbc.sql("""
				delete from webhook_event
				where occurred_at < :before
				  and not exists (select 1 from webhook_delivery d where d.event_row_id = webhook_event.id)""")
			.param("before", before)
			.update();
	}

}
