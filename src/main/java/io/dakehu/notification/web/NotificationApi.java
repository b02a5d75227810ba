package io.dakehu.notification.web;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.dakehu.identity.Users;
import io.dakehu.notification.NoticeSettings;
import io.dakehu.notification.NotificationView;
import io.dakehu.notification.Notifications;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's notifications over the API, their text in the language the request asks
 * for ({@code Accept-Language}), and what they want by e-mail. Another user's
 * notification answers 404.
 */
@RestController
class NotificationApi {

	static final int MAX_SIZE = 200;

	private final Notifications notifications;

	private final Users users;

	NotificationApi(Notifications notifications, Users users) {
		this.notifications = notifications;
		this.users = users;
	}

	@GetMapping("/api/v1/me/notifications")
	Listing list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		long me = this.users.current().id();
		PageResult<NotificationView> result = this.notifications.page(me, unread,
				new PageRequest(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_SIZE)), locale());
		return new Listing(result.totalElements(), this.notifications.unreadCount(me), result.page(), result.size(),
				result.content().stream().map(Item::of).toList());
	}

	@PostMapping("/api/v1/me/notifications/{id}/read")
	Item read(@PathVariable long id) {
		return Item.of(this.notifications.markRead(this.users.current().id(), id, locale()));
	}

	@PostMapping("/api/v1/me/notifications/read-all")
	Marked readAll() {
		return new Marked(this.notifications.markAllRead(this.users.current().id()));
	}

	@GetMapping("/api/v1/me/notification-settings")
	Settings settings() {
		return Settings.of(this.notifications.settings(this.users.current().id()));
	}

	@PutMapping("/api/v1/me/notification-settings")
	Settings saveSettings(@RequestBody SettingsInput input) {
		Locale language = (input.language() != null) ? Locale.forLanguageTag(input.language().replace('_', '-'))
				: locale();
		return Settings.of(this.notifications.saveSettings(this.users.current().id(), language,
				(input.mailOptOuts() != null) ? input.mailOptOuts() : List.of()));
	}

	private static Locale locale() {
		return LocaleContextHolder.getLocale();
	}

	record Listing(long total, long unread, int page, int size, List<Item> items) {
	}

	record Item(long id, String kind, String text, String link, LocalDateTime createdAt, boolean read) {

		static Item of(NotificationView view) {
			return new Item(view.id(), view.kind(), view.text(), view.link(), view.createdAt(), view.read());
		}

	}

	record Marked(int marked) {
	}

	/**
	 * @param language {@code zh_CN} or {@code en}; another reads as English
	 */
	record Settings(String language, Set<String> mailOptOuts, List<String> kinds) {

		static Settings of(NoticeSettings settings) {
			return new Settings(settings.language().toString(), settings.mailOptOuts(), settings.kinds());
		}

	}

	record SettingsInput(String language, List<String> mailOptOuts) {
	}

}
