package io.dakehu.home.web;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.dakehu.home.CalendarFeeds;
import io.dakehu.home.ContactPlan;
import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;

import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The personal calendar feed (decision 0024): an ICS file of the user's accounts due for
 * contact, fetched by a calendar app through a secret link without signing in, and the
 * section of My profile that makes, shows once and revokes that link. A revoked or
 * unknown link answers 404, as does the link of a deactivated user.
 */
@Controller
class CalendarFeedPage {

	static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", java.nio.charset.StandardCharsets.UTF_8);

	private final CalendarFeeds feeds;

	private final ContactPlan plan;

	private final Users users;

	private final MessageSource messages;

	private final Clock clock;

	CalendarFeedPage(CalendarFeeds feeds, ContactPlan plan, Users users, MessageSource messages, Clock clock) {
		this.feeds = feeds;
		this.plan = plan;
		this.users = users;
		this.messages = messages;
		this.clock = clock;
	}

	@GetMapping("/feeds/calendar/{token}.ics")
	ResponseEntity<String> feed(@PathVariable String token, Locale locale) {
		Optional<CurrentUser> user = this.feeds.userOf(token).flatMap(this.users::actingAs);
		if (user.isEmpty()) {
			return ResponseEntity.notFound().build();
		}
		String base = ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return ResponseEntity.ok()
			.contentType(TEXT_CALENDAR)
			.header("Cache-Control", "private, no-store")
			.body(ics(this.plan.feed(user.get()), base, locale));
	}

	/** One all-day event per account, on its due day; an overdue one on today. */
	String ics(List<DueContact> due, String base, Locale locale) {
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//Dakehu//Contact plan//EN"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		calendar.add(new XProperty("X-WR-CALNAME", message("plan.feed.calendarName", locale)));
		LocalDate today = LocalDate.now(this.clock);
		for (DueContact account : due) {
			LocalDate on = account.overdue() ? today : account.dueOn();
			String summary = message(account.overdue() ? "plan.feed.overdue" : "plan.feed.due", locale,
					account.accountName());
			VEvent event = new VEvent(on, on.plusDays(1), summary);
			event.add(new Uid("contact-" + account.accountId() + "@dakehu"));
			event.add(new Description(
					message("plan.feed.description", locale, account.dueOn().toString(), (account.lastContact() != null)
							? account.lastContact().toString() : message("plan.neverContacted", locale))));
			event.add(new Url(URI.create(base + "/accounts/" + account.accountId())));
			calendar.add(event);
		}
		StringWriter out = new StringWriter();
		try {
			new CalendarOutputter().output(calendar, out);
		}
		catch (IOException | ValidationException ex) {
			throw new IllegalStateException("The calendar feed could not be written", ex);
		}
		return out.toString();
	}

	private String message(String key, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, locale);
	}

	/** The section of My profile: whether a link exists, and the buttons. */
	@GetMapping("/plan/feed")
	String section(Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("issuedAt", this.feeds.issuedAt(me.id()).orElse(null));
		return "home/feed :: feed";
	}

	/**
	 * A new link, shown this once; any earlier link stops working. It names the language
	 * the user made it in: a calendar app sends neither the user's language cookie nor,
	 * often, their language, and a Chinese KAM's calendar should read in Chinese.
	 */
	@PostMapping("/plan/feed")
	String issue(Model model, HttpServletRequest request, Locale locale) {
		CurrentUser me = this.users.current();
		String token = this.feeds.issue(me.id());
		model.addAttribute("url",
				ServletUriComponentsBuilder.fromContextPath(request)
					.path("/feeds/calendar/{token}.ics")
					.queryParam("lang", "zh".equals(locale.getLanguage()) ? "zh_CN" : "en")
					.buildAndExpand(token)
					.toUriString());
		model.addAttribute("issuedAt", this.feeds.issuedAt(me.id()).orElse(null));
		return "home/feed :: feed";
	}

	@PostMapping("/plan/feed/revoke")
	String revoke(Model model) {
		this.feeds.revoke(this.users.current().id());
		model.addAttribute("issuedAt", null);
		return "home/feed :: feed";
	}

}
