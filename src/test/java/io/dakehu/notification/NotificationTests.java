package io.dakehu.notification;

import java.time.LocalDateTime;
import java.util.List;

import io.dakehu.shared.NoticeRequested;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notification centre (issue 14 part 6, decision 0030): a notice reaches its
 * recipients only once the change that published it commits, once per fact, copied to
 * their managers when asked; each reads only their own, in their language, and marks them
 * read. Complaints handed over or overdue tell the people concerned.
 */
abstract class NotificationTests extends ApiTestSupport {

	@Autowired
	private ApplicationEventPublisher events;

	@Autowired
	private PlatformTransactionManager transactions;

	@Autowired
	private ApplicationContext context;

	private String manager;

	private String kam;

	private String otherKam;

	@BeforeEach
	void people() {
		this.manager = this.given.manager();
		this.kam = this.given.kam(this.given.team(this.manager), null);
		this.otherKam = this.given.kam();
	}

	@Test
	void aNoticeArrivesOnlyAfterTheChangeCommits() {
		String key = Fixtures.unique("fact");
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.events.publishEvent(notice(List.of(userId(this.kam)), false, key));
			// Still inside the publishing transaction: nobody has been told yet.
			assertThat(count(this.kam)).isZero();
		});
		assertThat(count(this.kam)).isEqualTo(1);
	}

	@Test
	void aRolledBackChangeTellsNobody() {
		String key = Fixtures.unique("fact");
		assertThatThrownBy(() -> new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			this.events.publishEvent(notice(List.of(userId(this.kam)), true, key));
			throw new IllegalStateException("the change fails");
		})).isInstanceOf(IllegalStateException.class);
		assertThat(count(this.kam)).isZero();
		assertThat(count(this.manager)).isZero();
	}

	@Test
	void aFactPublishedTwiceReachesEachRecipientOnce() {
		String key = Fixtures.unique("fact");
		NoticeRequested notice = notice(List.of(userId(this.kam), userId(this.otherKam)), false, key);
		publishCommitted(notice);
		publishCommitted(notice);
		assertThat(count(this.kam)).isEqualTo(1);
		assertThat(count(this.otherKam)).isEqualTo(1);
		// Without a key, every publication is news.
		NoticeRequested news = notice(List.of(userId(this.kam)), false, null);
		publishCommitted(news);
		publishCommitted(news);
		assertThat(count(this.kam)).isEqualTo(3);
	}

	@Test
	void copyManagersTellsTheTeamsManagerToo() {
		publishCommitted(notice(List.of(userId(this.kam), userId(this.otherKam)), true, Fixtures.unique("fact")));
		assertThat(count(this.kam)).isEqualTo(1);
		assertThat(count(this.otherKam)).isEqualTo(1);
		// The manager leads the KAM's team; the other KAM has no manager.
		assertThat(count(this.manager)).isEqualTo(1);
	}

	@Test
	void theTextIsRenderedInTheReadersLanguage() {
		String account = Fixtures.unique("Account");
		publishCommitted(new NoticeRequested(List.of(userId(this.kam)), false, "complaint.overdue",
				"notice.complaint.overdue", List.of(account, "2026-01-05 09:30"), "/complaints/1", null));
		JsonNode item = this.api.get(this.kam, "/api/v1/me/notifications").expect(200).body().get("items").get(0);
		assertThat(item.get("text").asString())
			.isEqualTo("The complaint of " + account + " is overdue: it was due at 2026-01-05 09:30.");
		assertThat(item.get("link").asString()).isEqualTo("/complaints/1");
		Response chinese = this.api.send(this.kam, io.dakehu.support.Api.USER_PASSWORD, "GET",
				"/api/v1/me/notifications?lang=zh_CN", null);
		assertThat(chinese.body().get("items").get(0).get("text").asString())
			.isEqualTo(account + "的投诉已逾期，应于2026-01-05 09:30前处理。");
	}

	@Test
	void markReadLowersTheUnreadCountAndTheFilterFollowsIt() {
		for (int i = 0; i < 3; i++) {
			publishCommitted(notice(List.of(userId(this.kam)), false, Fixtures.unique("fact")));
		}
		Response all = this.api.get(this.kam, "/api/v1/me/notifications").expect(200);
		assertThat(all.body().get("unread").asLong()).isEqualTo(3);
		List<Long> ids = items(all).stream().map((item) -> item.get("id").asLong()).toList();
		// Newest first.
		assertThat(ids).isSortedAccordingTo(java.util.Comparator.reverseOrder());

		Response read = this.api.post(this.kam, "/api/v1/me/notifications/" + ids.get(1) + "/read", null).expect(200);
		assertThat(read.body().get("read").asBoolean()).isTrue();
		Response unread = this.api.get(this.kam, "/api/v1/me/notifications?unread=true").expect(200);
		assertThat(unread.body().get("unread").asLong()).isEqualTo(2);
		assertThat(items(unread).stream().map((item) -> item.get("id").asLong()).toList()).containsExactly(ids.get(0),
				ids.get(2));

		assertThat(this.api.post(this.kam, "/api/v1/me/notifications/read-all", null)
			.expect(200)
			.body()
			.get("marked")
			.asInt()).isEqualTo(2);
		assertThat(
				this.api.get(this.kam, "/api/v1/me/notifications?unread=true").expect(200).body().get("total").asLong())
			.isZero();
	}

	@Test
	void anotherUsersNotificationIsMissing() {
		publishCommitted(notice(List.of(userId(this.kam)), false, Fixtures.unique("fact")));
		long id = items(this.api.get(this.kam, "/api/v1/me/notifications").expect(200)).get(0).get("id").asLong();
		this.api.post(this.otherKam, "/api/v1/me/notifications/" + id + "/read", null).expect(404);
		this.api.post(this.manager, "/api/v1/me/notifications/" + id + "/read", null).expect(404);
		assertThat(this.api.get(this.otherKam, "/api/v1/me/notifications").expect(200).body().get("total").asLong())
			.isZero();
		// Still unread for its recipient.
		assertThat(
				this.api.get(this.kam, "/api/v1/me/notifications?unread=true").expect(200).body().get("total").asLong())
			.isEqualTo(1);
	}

	@Test
	void theBellShowsTheUnreadCount() {
		publishCommitted(notice(List.of(userId(this.kam)), false, Fixtures.unique("fact")));
		publishCommitted(notice(List.of(userId(this.kam)), false, Fixtures.unique("fact")));
		Response badge = this.api.page(this.kam, "/notifications/badge").expect(200);
		assertThat(badge.text()).contains(">2<").doesNotContain("d-none");
		Response none = this.api.page(this.otherKam, "/notifications/badge").expect(200);
		assertThat(none.text()).contains(">0<").contains("d-none");
		assertThat(this.api.page(this.kam, "/").expect(200).text()).contains("id=\"nav-bell\"");
	}

	@Test
	void settingsKeepTheLanguageAndTheOptOutsAndRefuseAnUnknownCode() {
		Response saved = this.api
			.put(this.kam, "/api/v1/me/notification-settings",
					json("language", "en", "mailOptOuts", List.of("complaint.overdue")))
			.expect(200);
		assertThat(saved.text("language")).isEqualTo("en");
		assertThat(saved.body().get("mailOptOuts").get(0).asString()).isEqualTo("complaint.overdue");
		Response bad = this.api
			.put(this.kam, "/api/v1/me/notification-settings",
					json("language", "zh_CN", "mailOptOuts", List.of("Not a kind!")))
			.expect(400);
		assertThat(bad.errorFields()).containsExactly("mailOptOuts");
		// The refused request changed nothing.
		Response kept = this.api.get(this.kam, "/api/v1/me/notification-settings").expect(200);
		assertThat(kept.text("language")).isEqualTo("en");
		assertThat(kept.body().get("mailOptOuts").size()).isEqualTo(1);
	}

	@Test
	void aComplaintHandedOverTellsItsNewOwner() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Complainer")).id();
		Response created = complaint(account, null);
		this.api
			.post(this.manager, "/api/v1/complaints/" + created.id() + "/assign",
					json("owner", this.otherKam, "version", created.version()))
			.expect(200);
		List<JsonNode> told = items(this.api.get(this.otherKam, "/api/v1/me/notifications").expect(200));
		assertThat(told).hasSize(1);
		assertThat(told.get(0).get("kind").asString()).isEqualTo("complaint.assigned");
		assertThat(told.get(0).get("link").asString()).isEqualTo("/complaints/" + created.id());
		assertThat(told.get(0).get("text").asString()).contains("Test " + this.manager);
		// The one who handed it over is not told.
		assertThat(count(this.manager)).isZero();
	}

	@Test
	void anOverdueComplaintTellsItsOwnerAndTheirManagerOnce() {
		long account = this.given.accountOwnedBy(this.kam, Fixtures.unique("Complainer")).id();
		int responseHours = this.api.get(this.kam, "/api/v1/service-levels")
			.expect(200)
			.items()
			.stream()
			.filter((level) -> level.get("tier").asString().equals("SMALL"))
			.findFirst()
			.orElseThrow()
			.get("responseHours")
			.asInt();
		Response late = complaint(account, LocalDateTime.now().minusHours(responseHours + 1));
		Object reminders = this.context.getBean("complaintReminders");
		ReflectionTestUtils.invokeMethod(reminders, "remind");
		ReflectionTestUtils.invokeMethod(reminders, "remind");
		for (String user : List.of(this.kam, this.manager)) {
			List<JsonNode> told = items(this.api.get(user, "/api/v1/me/notifications").expect(200));
			assertThat(told).as(user).hasSize(1);
			assertThat(told.get(0).get("kind").asString()).isEqualTo("complaint.overdue");
			assertThat(told.get(0).get("link").asString()).isEqualTo("/complaints/" + late.id());
		}
	}

	private Response complaint(long account, LocalDateTime receivedAt) {
		return this.api
			.post(this.kam, "/api/v1/complaints",
					json("accountId", account, "receivedAt", (receivedAt != null) ? receivedAt.toString() : null,
							"channel", "PHONE", "category", "DELIVERY", "severity", "HIGH", "description",
							"The delivery came two weeks late"))
			.expect(201);
	}

	private void publishCommitted(NoticeRequested notice) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> this.events.publishEvent(notice));
	}

	private static NoticeRequested notice(List<Long> recipients, boolean copyManagers, String key) {
		return new NoticeRequested(recipients, copyManagers, "test.fact", "notice.complaint.overdue",
				List.of("Test account", "2026-01-05 09:30"), "/accounts", key);
	}

	private static List<JsonNode> items(Response response) {
		List<JsonNode> items = new java.util.ArrayList<>();
		response.body().get("items").forEach(items::add);
		return items;
	}

	private long count(String username) {
		return this.jdbc.sql("select count(*) from notification where recipient_id = :id")
			.param("id", userId(username))
			.query(Long.class)
			.single();
	}

	private long userId(String username) {
		return this.jdbc.sql("select id from app_user where username = :u")
			.param("u", username)
			.query(Long.class)
			.single();
	}

}
