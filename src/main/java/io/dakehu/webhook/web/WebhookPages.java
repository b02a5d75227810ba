package io.dakehu.webhook.web;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import io.dakehu.webhook.WebhookInput;
import io.dakehu.webhook.WebhookView;
import io.dakehu.webhook.Webhooks;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' webhook pages: the list, adding one, and each webhook's page with
 * its settings, the test button and the deliveries log.
 */
@Controller
class WebhookPages {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final int LOG_LINES = 100;

	private final Webhooks webhooks;

	private final Users users;

	private final Labels labels;

	WebhookPages(Webhooks webhooks, Users users, Labels labels) {
		this.webhooks = webhooks;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/admin/webhooks")
	String list(Model model) {
		model.addAttribute("webhooks", this.webhooks.all(this.users.current()));
		return "webhook/list";
	}

	@GetMapping("/admin/webhooks/new")
	String create(Model model) {
		CurrentUser admin = this.users.current();
		requireAdmin(admin);
		// A fresh random secret, so the administrator need not invent one.
		byte[] secret = new byte[24];
		RANDOM.nextBytes(secret);
		return form(model, null, new Form("", HexFormat.of().formatHex(secret), "", List.of(), true, null), null);
	}

	@PostMapping("/admin/webhooks")
	String add(@RequestParam(required = false) String url, @RequestParam(required = false) String secret,
			@RequestParam(required = false) String description,
			@RequestParam(name = "events", required = false) List<String> events, Model model,
			RedirectAttributes redirect) {
		Form form = new Form(url, secret, description, (events != null) ? events : List.of(), true, null);
		try {
			WebhookView created = this.webhooks.create(this.users.current(),
					new WebhookInput(url, secret, description, form.events(), true, null));
			Flash.success(redirect, "webhook.saved");
			return "redirect:/admin/webhooks/" + created.id();
		}
		catch (RuleViolationException ex) {
			return form(model, null, form, problem(ex));
		}
	}

	@GetMapping("/admin/webhooks/{id}")
	String show(@PathVariable long id, Model model) {
		WebhookView webhook = this.webhooks.get(this.users.current(), id);
		return form(model, webhook, new Form(webhook.url(), "", webhook.description(), webhook.events(),
				webhook.active(), webhook.version()), null);
	}

	@PostMapping("/admin/webhooks/{id}")
	String update(@PathVariable long id, @RequestParam(required = false) String url,
			@RequestParam(required = false) String secret, @RequestParam(required = false) String description,
			@RequestParam(name = "events", required = false) List<String> events,
			@RequestParam(defaultValue = "false") boolean active, @RequestParam(required = false) Integer version,
			Model model, RedirectAttributes redirect) {
		CurrentUser admin = this.users.current();
		WebhookView webhook = this.webhooks.get(admin, id);
		Form form = new Form(url, "", description, (events != null) ? events : List.of(), active, version);
		try {
			this.webhooks.update(admin, id, new WebhookInput(url, secret, description, form.events(), active, version));
			Flash.success(redirect, "webhook.saved");
			return "redirect:/admin/webhooks/" + id;
		}
		catch (RuleViolationException ex) {
			return form(model, webhook, form, problem(ex));
		}
		catch (StaleEditException ex) {
			return form(model, webhook, form, this.labels.get("error.stale"));
		}
	}

	@PostMapping("/admin/webhooks/{id}/test")
	String test(@PathVariable long id, RedirectAttributes redirect) {
		UUID event = this.webhooks.sendTest(this.users.current(), id);
		redirect.addFlashAttribute("testQueued", event.toString());
		return "redirect:/admin/webhooks/" + id;
	}

	@PostMapping("/admin/webhooks/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		this.webhooks.delete(this.users.current(), id);
		Flash.success(redirect, "webhook.deleted");
		return "redirect:/admin/webhooks";
	}

	private String form(Model model, WebhookView webhook, Form form, String problem) {
		model.addAttribute("webhook", webhook);
		model.addAttribute("form", form);
		model.addAttribute("problem", problem);
		model.addAttribute("catalogue", Webhooks.catalogue());
		model.addAttribute("attempts",
				(webhook != null) ? this.webhooks.attempts(this.users.current(), webhook.id(), LOG_LINES) : List.of());
		return "webhook/form";
	}

	private String problem(RuleViolationException ex) {
		return this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

	private static void requireAdmin(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new org.springframework.security.access.AccessDeniedException("administrators only");
		}
	}

	/** What the form shows: the stored values, or what was entered when refused. */
	record Form(String url, String secret, String description, List<String> events, boolean active, Integer version) {
	}

}
