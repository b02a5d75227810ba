package io.dakehu.home;

import org.springframework.context.ApplicationEventPublisher;
import io.dakehu.segmentation.RankedRuns;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dakehu.notification.MailOutboxAccess;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.Lanes;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The morning reminder of key accounts overdue for contact (DOMAIN.md §10.2), followed
 * from the scheduled run to the bell and the e-mail an in-process SMTP server receives.
 * "Today" is the application's clock; each due day is worked out here from the last
 * contact written and the tier's cadence the service levels report.
 */
@ResourceLock(Lanes.SMTP)
abstract class ContactRemindersTests extends ApiTestSupport {

	@Autowired
	Clock clock;

	@Autowired
	ContactReminders reminders;

	@Autowired
	ApplicationContext context;

	GreenMail smtp;

	@Value("${spring.mail.port}")
	private int smtpPort;

	LocalDate today;

	Map<String, Integer> cadence;

	@Autowired
	ApplicationEventPublisher events;

	RankedRuns runs;

	@BeforeAll
	void startSmtp() {
		this.runs = new RankedRuns(this.jdbc, this.events);
		this.smtp = new GreenMail(new ServerSetup(this.smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
	}

	@AfterAll
	void stopSmtp() {
		this.smtp.stop();
	}

	@AfterEach
	void forgetRuns() {
		this.runs.forget();
	}

	@Test
	void aVipFallenOverdueTellsItsOwnerOnceAndMailsNobodyWhoOptedOut() throws Exception {
		this.today = LocalDate.now(this.clock);
		this.cadence = new HashMap<>();
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, manager);
		String optedOut = this.given.kam(team, manager);
		String director = this.given.director();
		for (JsonNode level : this.api.get(kam, "/api/v1/service-levels").expect(200).items()) {
			this.cadence.put(level.get("tier").asString(), level.get("cadenceDays").asInt());
		}
		this.api.put(kam, "/api/v1/me/notification-settings", json("language", "en", "mailOptOuts", List.of()))
			.expect(200);
		this.api
			.put(optedOut, "/api/v1/me/notification-settings",
					json("language", "en", "mailOptOuts", List.of("contact.overdue")))
			.expect(200);

		// Fell overdue two days ago: told. Overdue since long before the look-back: told
		// then, not now. Due today: not overdue yet. An Ordinary account: no reminder.
		String vipName = Fixtures.unique("Reminded VIP");
		long vip = this.given.accountOwnedBy(kam, vipName).id();
		LocalDate vipDue = lastContact(kam, vip, "VIP", 2);
		long longAgo = account(kam, "long overdue");
		lastContact(kam, longAgo, "VIP", ContactReminders.LOOK_BACK_DAYS + 5);
		long dueToday = account(kam, "due today");
		lastContact(kam, dueToday, "VIP", 0);
		long ordinary = account(kam, "ordinary");
		lastContact(kam, ordinary, "ORDINARY", 2);
		long major = account(optedOut, "major opted out");
		LocalDate majorDue = lastContact(optedOut, major, "MAJOR", 1);
		ranked(Map.of(vip, "VIP", longAgo, "VIP", dueToday, "VIP", ordinary, "ORDINARY", major, "MAJOR"));

		this.reminders.remindOverdue();
		List<String> expected = List.of(kam + " /accounts/" + vip + " contact.overdue:" + vip + ":" + vipDue,
				optedOut + " /accounts/" + major + " contact.overdue:" + major + ":" + majorDue);
		List<String> people = List.of(kam, optedOut, manager, director);
		assertThat(notices(people)).containsExactlyInAnyOrderElementsOf(expected);
		// A second run, as a second node or tomorrow's rerun would, tells nobody again.
		this.reminders.remindOverdue();
		assertThat(notices(people)).containsExactlyInAnyOrderElementsOf(expected);

		MailOutboxAccess.sendUntilSettled(this.context, people);
		List<MimeMessage> toKam = to(kam);
		assertThat(toKam).hasSize(1);
		assertThat(toKam.get(0).getSubject())
			.isEqualTo("Dakehu: " + vipName + " is overdue for contact: it was due on " + vipDue + ".");
		assertThat(to(optedOut)).isEmpty();
		assertThat(to(manager)).isEmpty();
		assertThat(mailStatus(optedOut)).containsExactly("SKIPPED");
		// The opted-out user still finds it under the bell.
		assertThat(this.api.get(optedOut, "/api/v1/me/notifications").expect(200).body().get("total").asLong())
			.isEqualTo(1);
	}

	/**
	 * Writes a contact that makes the account fall due {@code daysOverdue} days before
	 * today at its tier's cadence; the due day.
	 */
	private LocalDate lastContact(String user, long account, String tier, int daysOverdue) {
		LocalDate on = this.today.minusDays(this.cadence.get(tier) + daysOverdue);
		this.api
			.post(user, "/api/v1/accounts/" + account + "/activities",
					json("type", "VISIT", "occurredAt", on.atTime(10, 0).toString(), "summary", "Visit"))
			.expect(201);
		return on.plusDays(this.cadence.get(tier));
	}

	private List<String> notices(List<String> usernames) {
		return this.jdbc.sql("""
				select u.username, n.link, n.dedup_key from notification n join app_user u on u.id = n.recipient_id
				where n.kind = 'contact.overdue' and u.username in (:users)""")
			.param("users", usernames)
			.query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.list();
	}

	private List<String> mailStatus(String username) {
		return this.jdbc.sql("""
				select m.status from notification_mail m join notification n on n.id = m.notification_id
				join app_user u on u.id = n.recipient_id where u.username = :user""")
			.param("user", username)
			.query(String.class)
			.list();
	}

	private List<MimeMessage> to(String username) throws Exception {
		String address = username + "@example.com";
		List<MimeMessage> messages = new ArrayList<>();
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((recipient) -> recipient.toString().equals(address))) {
				messages.add(message);
			}
		}
		return messages;
	}

	private long account(String owner, String name) {
		return this.given.accountOwnedBy(owner, Fixtures.unique("Reminded " + name)).id();
	}

	private void ranked(Map<Long, String> classes) {
		this.runs.rank(this.today, classes);
	}

}
