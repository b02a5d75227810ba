package io.dakehu.notification;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.H2IntegrationTest;
import io.dakehu.support.Lanes;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notices by e-mail, against an SMTP server inside the test (GreenMail) on the port the
 * test configuration names: one message per notice in the recipient's language, none for
 * a kind the recipient opted out of, none twice when two senders run at once.
 */
@H2IntegrationTest
@ResourceLock(Lanes.SMTP)
class NotificationMailH2Tests extends ApiTestSupport {

	private GreenMail smtp;

	@Value("${spring.mail.port}")
	private int smtpPort;

	@Autowired
	ApplicationContext context;

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private MailOutbox outbox;

	@Autowired
	private MailJob job;

	@BeforeAll
	void startSmtp() {
		this.smtp = new GreenMail(new ServerSetup(this.smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		this.smtp.start();
	}

	@AfterAll
	void stopSmtp() {
		this.smtp.stop();
	}

	@Test
	void oneMessagePerNoticeInTheRecipientsLanguageEvenWithTwoSendersAtOnce() throws Exception {
		String chinese = this.given.kam();
		String english = this.given.kam();
		this.api.put(english, "/api/v1/me/notification-settings", json("language", "en", "mailOptOuts", List.of()))
			.expect(200);
		String account = Fixtures.unique("Account");
		publish(new NoticeRequested(List.of(userId(chinese), userId(english)), false, "complaint.overdue",
				"notice.complaint.overdue", List.of(account, "2026-01-05 09:30"), "/complaints/7",
				Fixtures.unique("fact")));

		// Two scheduled runs (two nodes) and two senders past the lock, all at once.
		concurrently(() -> {
			this.job.send();
			return 0;
		}, () -> {
			this.job.send();
			return 0;
		}, this.outbox::sendDue, this.outbox::sendDue);
		concurrently(this.outbox::sendDue, this.outbox::sendDue);
		MailOutboxAccess.sendUntilSettled(this.context, List.of(chinese, english));

		List<MimeMessage> toChinese = to(chinese);
		assertThat(toChinese).hasSize(1);
		assertThat(toChinese.get(0).getSubject()).isEqualTo("Dakehu：" + account + "的投诉已逾期，应于2026-01-05 09:30前处理。");
		assertThat((String) toChinese.get(0).getContent()).contains("/complaints/7");
		List<MimeMessage> toEnglish = to(english);
		assertThat(toEnglish).hasSize(1);
		assertThat(toEnglish.get(0).getSubject())
			.isEqualTo("Dakehu: The complaint of " + account + " is overdue: it was due at 2026-01-05 09:30.");
		assertThat(status(chinese)).containsExactly("SENT");
	}

	@Test
	void aKindOptedOutOfSendsNoMessageButStaysUnderTheBell() throws Exception {
		String kam = this.given.kam();
		this.api
			.put(kam, "/api/v1/me/notification-settings",
					json("language", "zh_CN", "mailOptOuts", List.of("complaint.overdue")))
			.expect(200);
		publish(new NoticeRequested(List.of(userId(kam)), false, "complaint.overdue", "notice.complaint.overdue",
				List.of("Account", "2026-01-05 09:30"), "/complaints/8", null));
		publish(new NoticeRequested(List.of(userId(kam)), false, "complaint.assigned", "notice.complaint.assigned",
				List.of("Account", "Someone"), "/complaints/9", null));
		MailOutboxAccess.sendUntilSettled(this.context, List.of(kam));
		List<MimeMessage> received = to(kam);
		assertThat(received).hasSize(1);
		assertThat(received.get(0).getSubject()).contains("Someone");
		assertThat(this.api.get(kam, "/api/v1/me/notifications").expect(200).body().get("total").asLong()).isEqualTo(2);
		assertThat(status(kam)).containsExactlyInAnyOrder("SENT", "SKIPPED");
	}

	private void publish(NoticeRequested notice) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> this.events.publishEvent(notice));
	}

	@SafeVarargs
	private static void concurrently(Callable<Integer>... tasks) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tasks.length);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> runs = Arrays.stream(tasks).map((task) -> pool.submit(() -> {
				start.await();
				return task.call();
			})).toList();
			start.countDown();
			for (Future<Integer> run : runs) {
				run.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	private List<MimeMessage> to(String username) throws Exception {
		String address = username + "@example.com";
		List<MimeMessage> messages = new java.util.ArrayList<>();
		for (MimeMessage message : this.smtp.getReceivedMessages()) {
			if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((to) -> to.toString().equals(address))) {
				messages.add(message);
			}
		}
		return messages;
	}

	private List<String> status(String username) {
		return this.jdbc.sql("""
				select m.status from notification_mail m join notification n on n.id = m.notification_id
				where n.recipient_id = :id""").param("id", userId(username)).query(String.class).list();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

}
