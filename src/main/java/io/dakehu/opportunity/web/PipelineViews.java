package io.dakehu.opportunity.web;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.opportunity.Targets;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the pipeline's pages share: the filter bar's choices, a refused change in the
 * reader's words, and where a form may send the reader back to.
 */
@Component
class PipelineViews {

	private final Targets targets;

	private final Users users;

	private final Labels labels;

	PipelineViews(Targets targets, Users users, Labels labels) {
		this.targets = targets;
		this.users = users;
		this.labels = labels;
	}

	/** The filter as applied and the choices of the filter bar of the board and list. */
	void filters(Model model, CurrentUser me, PipelineFilter filter) {
		model.addAttribute("filter", filter);
		model.addAttribute("anyOwner", PipelineParams.ANY_OWNER);
		model.addAttribute("owners", this.targets.salespeople(me.scope()));
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("tiers", Tier.values());
		model.addAttribute("purchaseTypes", PurchaseType.values());
		model.addAttribute("openStages", Stage.open());
	}

	/** Why a change was refused: the field and the rule, or that someone was quicker. */
	String reason(RuntimeException ex) {
		if (ex instanceof RuleViolationException rule) {
			return this.labels.field(rule.field()) + ": " + this.labels.get(rule.messageKey(), rule.args());
		}
		return this.labels.get("opportunity.stale");
	}

	/**
	 * Where a form may send the reader back to: a path on this site, else the fallback.
	 * Control characters (a CR/LF would split the redirect's header) are refused too.
	 */
	static String localPath(String back, String fallback) {
		if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
				|| back.chars().anyMatch(Character::isISOControl)) {
			return fallback;
		}
		return back;
	}

}
