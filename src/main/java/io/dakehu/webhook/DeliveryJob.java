package io.dakehu.webhook;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due webhook deliveries every ten seconds ({@code dakehu.webhook.cron};
 * {@code -} switches it off). ShedLock lets one instance of several send at a time; the
 * claim in {@link Deliveries} keeps a delivery from going out twice at once even if two
 * ran.
 */
@Component
class DeliveryJob {

	private final Deliveries deliveries;

	DeliveryJob(Deliveries deliveries) {
		this.deliveries = deliveries;
	}

	@Scheduled(cron = "${dakehu.webhook.cron:*/10 * * * * *}")
	@SchedulerLock(name = "webhook-deliveries", lockAtMostFor = "PT15M")
	public void send() {
		this.deliveries.deliverDue();
	}

}
