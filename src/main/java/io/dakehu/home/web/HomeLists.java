package io.dakehu.home.web;

import java.util.List;
import java.util.Set;

import io.dakehu.home.HomeQueries;
import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.HomeQueries.Window;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.PipelineHealth;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The lists behind the home page's panels, in full and paged. Without an owner a KAM's
 * list covers their own accounts and deals, anyone else's their whole scope; an owner
 * outside the reader's scope lists nothing.
 */
@Controller
class HomeLists {

	static final int PAGE_SIZE = 50;

	private static final List<String> TIER_CODES = List.of("VIP", "MAJOR", "ORDINARY", "SMALL");

	private final HomeQueries home;

	private final PipelineHealth pipeline;

	private final Users users;

	HomeLists(HomeQueries home, PipelineHealth pipeline, Users users) {
		this.home = home;
		this.pipeline = pipeline;
		this.users = users;
	}

	@GetMapping("/home/contacts")
	String contacts(@RequestParam(required = false) Long owner, @RequestParam(defaultValue = "DUE") Window window,
			@RequestParam(required = false) List<String> tier, @RequestParam(defaultValue = "0") int page,
			Model model) {
		CurrentUser me = this.users.current();
		Set<String> tiers = (tier != null) ? Set.copyOf(tier.stream().filter(TIER_CODES::contains).toList()) : null;
		PageResult<DueContact> result = this.home.due(me.scope(), owners(me, owner), tiers, window,
				new PageRequest(Math.max(page, 0), PAGE_SIZE));
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/home/contacts").queryParam("window", window);
		if (owner != null) {
			url.queryParam("owner", owner);
		}
		if (tiers != null) {
			tiers.stream().sorted().forEach((code) -> url.queryParam("tier", code));
		}
		model.addAttribute("kind", "contacts");
		model.addAttribute("titleKey",
				(window == Window.DUE) ? "home.list.contacts" : "home.list.contacts." + window.name());
		model.addAttribute("window", window);
		model.addAttribute("tiers", tiers);
		return list(me, owner, result, url, model);
	}

	@GetMapping("/home/deals")
	String deals(@RequestParam(required = false) Long owner, @RequestParam(defaultValue = "0") int page, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("kind", "deals");
		model.addAttribute("titleKey", "home.list.deals");
		model.addAttribute("stalledDays", PipelineHealth.STALLED_DAYS);
		return list(me, owner,
				this.pipeline.toMove(me.scope(), owners(me, owner), new PageRequest(Math.max(page, 0), PAGE_SIZE)),
				UriComponentsBuilder.fromPath("/home/deals"), model);
	}

	@GetMapping("/home/unassessed")
	String unassessed(@RequestParam(required = false) Long owner, @RequestParam(defaultValue = "0") int page,
			Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("kind", "unassessed");
		model.addAttribute("titleKey", "home.list.unassessed");
		return list(me, owner,
				this.home.unassessed(me.scope(), owners(me, owner), new PageRequest(Math.max(page, 0), PAGE_SIZE)),
				UriComponentsBuilder.fromPath("/home/unassessed"), model);
	}

	private String list(CurrentUser me, Long owner, PageResult<?> result, UriComponentsBuilder url, Model model) {
		if (owner != null) {
			url.replaceQueryParam("owner", owner);
			model.addAttribute("ownerName", this.users.displayNames(List.of(owner)).get(owner));
		}
		model.addAttribute("result", result);
		String pageUrl = url.build().toUriString();
		// The pager appends "&page=n".
		model.addAttribute("pageUrl", pageUrl.contains("?") ? pageUrl : pageUrl + "?");
		model.addAttribute("dueWithin", HomeQueries.DUE_WITHIN_DAYS);
		model.addAttribute("ownerNames", this.users.displayNames(me.scope().all()
				? this.users.all().stream().map((user) -> user.id()).toList() : me.scope().ownerIds()));
		return "home/list";
	}

	/** A KAM's own book by default; anyone else's whole scope. */
	private static Set<Long> owners(CurrentUser me, Long owner) {
		if (owner != null) {
			return Set.of(owner);
		}
		return (me.role() == Role.KAM) ? Set.of(me.id()) : null;
	}

}
