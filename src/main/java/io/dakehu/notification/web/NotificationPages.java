package io.dakehu.notification.web;

import java.util.List;
import java.util.Locale;

import io.dakehu.identity.Users;
import io.dakehu.notification.NotificationView;
import io.dakehu.notification.Notifications;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.web.Flash;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The bell in the navigation, the list of one's notices (newest first) and, on My
 * profile, the choice of what comes by e-mail.
 */
@Controller
class NotificationPages {

	static final int PAGE_SIZE = 30;

	private final Notifications notifications;

	private final Users users;

	NotificationPages(Notifications notifications, Users users) {
		this.notifications = notifications;
		this.users = users;
	}

	@GetMapping("/notifications")
	String list(@RequestParam(defaultValue = "false") boolean unread, @RequestParam(defaultValue = "0") int page,
			Model model, Locale locale) {
		long me = this.users.current().id();
		model.addAttribute("unreadOnly", unread);
		model.addAttribute("unreadCount", this.notifications.unreadCount(me));
		model.addAttribute("result",
				this.notifications.page(me, unread, new PageRequest(Math.max(page, 0), PAGE_SIZE), locale));
		return "notification/list";
	}

	/** The bell's number, loaded by the layout: one count on an index. */
	@GetMapping("/notifications/badge")
	String badge(Model model) {
		model.addAttribute("count", this.notifications.unreadCount(this.users.current().id()));
		return "notification/list :: badge";
	}

	/** Opens a notice: marks it read and goes where it points. */
	@PostMapping("/notifications/{id}/open")
	String open(@PathVariable long id, Locale locale) {
		NotificationView notice = this.notifications.markRead(this.users.current().id(), id, locale);
		return "redirect:" + notice.link();
	}

	@PostMapping("/notifications/{id}/read")
	String read(@PathVariable long id, Locale locale) {
		this.notifications.markRead(this.users.current().id(), id, locale);
		return "redirect:/notifications";
	}

	@PostMapping("/notifications/read-all")
	String readAll(RedirectAttributes redirect) {
		this.notifications.markAllRead(this.users.current().id());
		Flash.success(redirect, "notification.allRead");
		return "redirect:/notifications";
	}

	/** The e-mail choices, a section of My profile. */
	@GetMapping("/notifications/settings")
	String settings(Model model) {
		model.addAttribute("settings", this.notifications.settings(this.users.current().id()));
		return "notification/settings :: section";
	}

	@PostMapping("/notifications/settings")
	String saveSettings(@RequestParam(defaultValue = "zh_CN") String language,
			@RequestParam(name = "mailOptOut", required = false) List<String> optOuts, RedirectAttributes redirect) {
		this.notifications.saveSettings(this.users.current().id(), Locale.forLanguageTag(language.replace('_', '-')),
				(optOuts != null) ? optOuts : List.of());
		Flash.success(redirect, "notification.settingsSaved");
		return "redirect:/profile";
	}

}
