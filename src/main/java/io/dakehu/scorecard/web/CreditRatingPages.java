package io.dakehu.scorecard.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.scorecard.Acceptance;
import io.dakehu.scorecard.AccountCredit;
import io.dakehu.scorecard.ComputedOverride;
import io.dakehu.scorecard.CreditRatingView;
import io.dakehu.scorecard.CreditLists;
import io.dakehu.scorecard.CreditRatings;
import io.dakehu.scorecard.Indicator;
import io.dakehu.scorecard.InputType;
import io.dakehu.scorecard.Quarter;
import io.dakehu.scorecard.RatingRequest;
import io.dakehu.scorecard.ScorecardKind;
import io.dakehu.scorecard.ScorecardVersion;
import io.dakehu.scorecard.Scorecards;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The credit rating pages (DOMAIN.md §5): rating an account for a quarter, the rating
 * with its points and suggested credit (which a manager grants there), the credit part of
 * the account page, the grade beside an opportunity, and the accounts due this quarter.
 * <p>
 * The form's fields carry the API's names ({@code inputs.10}, {@code overrides.15.value},
 * {@code overrides.15.reason}), so the engine's refusals land on the field they name.
 */
@Controller
class CreditRatingPages {

	private static final int DUE_ROWS = 200;

	/** The longest payment terms a manager may grant, as the rating enforces. */
	private static final int MAX_TERMS_DAYS = 365;

	/**
	 * How many quarters back the form offers: a late rating of last year still counts.
	 */
	private static final int QUARTERS_OFFERED = 5;

	private final CreditRatings ratings;

	private final CreditLists lists;

	private final Scorecards scorecards;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	private final Clock clock;

	CreditRatingPages(CreditRatings ratings, CreditLists lists, Scorecards scorecards, AccountQueries accounts,
			Users users, Labels labels, Clock clock) {
		this.ratings = ratings;
		this.lists = lists;
		this.scorecards = scorecards;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.clock = clock;
	}

	@GetMapping("/accounts/{accountId}/credit-ratings/new")
	String form(@PathVariable long accountId, @RequestParam(required = false) String quarter, Locale locale,
			Model model) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Quarter chosen = chosenQuarter(quarter);
		return form(model, account, chosen.toString(), Map.of(), Map.of(), locale);
	}

	@PostMapping("/accounts/{accountId}/credit-ratings")
	String rate(@PathVariable long accountId, @RequestParam MultiValueMap<String, String> form, Locale locale,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Map<String, String> values = form.toSingleValueMap();
		String quarter = values.getOrDefault("quarter", "");
		ScorecardVersion card = this.scorecards.current(ScorecardKind.CREDIT);
		Map<Integer, String> computed = this.ratings.computed(me.scope(), account.id(), chosenQuarter(quarter));
		Map<String, Object> inputs = new LinkedHashMap<>();
		Map<String, ComputedOverride> overrides = new LinkedHashMap<>();
		Map<String, String> errors = new LinkedHashMap<>();
		for (Indicator indicator : card.indicators()) {
			String key = String.valueOf(indicator.number());
			if (indicator.computedWith(computed)) {
				String value = values.get("overrides." + key + ".value");
				String reason = values.get("overrides." + key + ".reason");
				if (StringUtils.hasText(value) || StringUtils.hasText(reason)) {
					overrides.put(key, new ComputedOverride(value, reason));
				}
				continue;
			}
			String field = "inputs." + key;
			String value = values.get(field);
			if (StringUtils.hasText(value)) {
				inputs.put(key, value.strip());
				// Every entered value is checked here, so the form shows all its errors
				// at once; the engine checks them again when it scores.
				try {
					indicator.inputType().parse(value, field, indicator.label(locale));
				}
				catch (RuleViolationException ex) {
					errors.put(ex.field(), this.labels.get(ex.messageKey(), ex.args()));
				}
			}
		}
		if (errors.isEmpty()) {
			try {
				CreditRatingView rated = this.ratings.rate(me, accountId,
						new RatingRequest(quarter, inputs, overrides));
				Flash.success(redirect, "credit.rated");
				return "redirect:/credit-ratings/" + rated.id();
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field(), this.labels.get(ex.messageKey(), ex.args()));
			}
		}
		model.addAttribute("invalid", true);
		return form(model, account, quarter, values, errors, locale);
	}

	@GetMapping("/credit-ratings/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		CreditRatingView rating = this.ratings.get(me.scope(), id);
		return show(model, me, rating, null, Map.of());
	}

	/**
	 * A manager grants the suggested credit, or other credit with a note; a key account
	 * manager is refused (403) by the service.
	 */
	@PostMapping("/credit-ratings/{id}/accept")
	String accept(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String limit, @RequestParam(required = false) String termsDays,
			@RequestParam(required = false) String note, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		CurrentUser me = this.users.current();
		// Out of scope is not found before a key account manager is refused, as the API
		// answers.
		this.ratings.get(me.scope(), id);
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers grant credit");
		}
		Map<String, String> entered = new HashMap<>();
		entered.put("limit", limit);
		entered.put("termsDays", termsDays);
		entered.put("note", note);
		Map<String, String> errors = new LinkedHashMap<>();
		BigDecimal amount = null;
		Integer days = null;
		if (StringUtils.hasText(limit)) {
			amount = Typed.decimal(limit);
			if (amount == null) {
				errors.put("limit", this.labels.get("validation.credit.limit"));
			}
		}
		if (StringUtils.hasText(termsDays)) {
			days = Typed.whole(termsDays);
			if (days == null) {
				errors.put("termsDays", this.labels.get("validation.credit.terms", MAX_TERMS_DAYS));
			}
		}
		if (errors.isEmpty()) {
			try {
				this.ratings.accept(me, id, new Acceptance(version, amount, days, note));
				Flash.success(redirect, "credit.accepted");
				return "redirect:/credit-ratings/" + id;
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field(), this.labels.get(ex.messageKey(), ex.args()));
			}
			catch (StaleEditException ex) {
				model.addAttribute("stale", true);
				response.setStatus(HttpStatus.CONFLICT.value());
			}
		}
		return show(model, me, this.ratings.get(me.scope(), id), entered, errors);
	}

	/** The credit part of the account page's characteristics: grade, credit, history. */
	@GetMapping("/accounts/{accountId}/credit/section")
	String section(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", accountId);
		model.addAttribute("credit", this.ratings.credit(me.scope(), accountId));
		model.addAttribute("history", this.ratings.history(me.scope(), accountId));
		model.addAttribute("currentQuarter", Quarter.of(LocalDate.now(this.clock)).toString());
		return "scorecard/section :: section";
	}

	/**
	 * The grade and granted credit beside an opportunity; nothing when the reader may not
	 * see the account itself (decision 0017).
	 */
	@GetMapping("/accounts/{accountId}/credit/badge")
	String badge(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		boolean visible = this.accounts.visible(me.scope(), List.of(accountId)).contains(accountId);
		model.addAttribute("credit", visible ? this.ratings.credit(me.scope(), accountId) : null);
		return "scorecard/section :: badge";
	}

	/**
	 * The accounts with no rating for the current quarter, key accounts first; a manager
	 * may narrow it to one owner.
	 */
	@GetMapping("/credit-ratings/due")
	String due(@RequestParam(required = false) String owner, Model model) {
		CurrentUser me = this.users.current();
		Set<Long> owners = null;
		if (StringUtils.hasText(owner)) {
			owners = Set.of(this.users.requireActive(owner.strip(), "owner").id());
		}
		else if (!me.managesOthers()) {
			owners = Set.of(me.id());
		}
		model.addAttribute("due", this.lists.due(me.scope(), owners, DUE_ROWS));
		model.addAttribute("owner", owner);
		model.addAttribute("owners",
				me.managesOthers() ? this.users.active()
					.stream()
					.filter((u) -> me.scope().all() || me.scope().ownerIds().contains(u.id()))
					.toList() : List.of());
		return "scorecard/due";
	}

	/**
	 * The tier × grade heat map of the accounts in scope; each count opens the account
	 * list filtered to its tier and grade.
	 */
	@GetMapping("/credit-ratings/heatmap")
	String heatmap(Model model) {
		CurrentUser me = this.users.current();
		Map<String, Map<String, Long>> counts = this.lists.tierByGrade(me.scope());
		model.addAttribute("counts", counts);
		model.addAttribute("grades", this.scorecards.gradeCodes(ScorecardKind.CREDIT));
		model.addAttribute("tiers", List.of("VIP", "MAJOR", "ORDINARY", "SMALL", "NONE"));
		model.addAttribute("max",
				Math.max(1L,
						counts.values()
							.stream()
							.flatMap((byGrade) -> byGrade.values().stream())
							.mapToLong(Long::longValue)
							.max()
							.orElse(1L)));
		return "scorecard/heatmap";
	}

	private String show(Model model, CurrentUser me, CreditRatingView rating, Map<String, String> entered,
			Map<String, String> errors) {
		model.addAttribute("rating", rating);
		model.addAttribute("accountName", this.accounts.names(List.of(rating.accountId())).get(rating.accountId()));
		model.addAttribute("categories", linesByCategory(rating.indicators()));
		model.addAttribute("canAccept", me.managesOthers());
		model.addAttribute("entered", (entered != null) ? entered : Map.of());
		model.addAttribute("errors", errors);
		return "scorecard/rating";
	}

	private String form(Model model, AccountRef account, String quarter, Map<String, String> values,
			Map<String, String> errors, Locale locale) {
		ScorecardVersion card = this.scorecards.current(ScorecardKind.CREDIT);
		Quarter computedFor = chosenQuarter(quarter);
		Map<Integer, String> computed = this.ratings.computed(this.users.current().scope(), account.id(), computedFor);
		Map<String, List<Field>> categories = new LinkedHashMap<>();
		for (Indicator indicator : card.indicators()) {
			String key = String.valueOf(indicator.number());
			boolean isComputed = indicator.computedWith(computed);
			String name = isComputed ? "overrides." + key + ".value" : "inputs." + key;
			String error = isComputed ? first(errors, name, "overrides." + key + ".reason", "overrides." + key)
					: errors.get(name);
			categories.computeIfAbsent(indicator.categoryName(locale), (c) -> new ArrayList<>())
				.add(new Field(indicator.number(), indicator.name(locale), indicator.inputType().name(),
						indicator.points(), indicator.financial(), isComputed, computed.get(indicator.number()), name,
						values.get(name), values.get("overrides." + key + ".reason"), error));
		}
		model.addAttribute("account", account);
		model.addAttribute("quarter", quarter);
		model.addAttribute("quarters", quarters());
		model.addAttribute("quarterError", errors.get("quarter"));
		model.addAttribute("categories", categories);
		model.addAttribute("tiers", List.of("VIP", "MAJOR", "ORDINARY", "SMALL", "NONE"));
		model.addAttribute("errorCount", errors.size());
		return "scorecard/form";
	}

	/** Figures typed into the acceptance form; null when they are no number. */
	private static final class Typed {

		private static BigDecimal decimal(String text) {
			try {
				return new BigDecimal(text.strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

		private static Integer whole(String text) {
			try {
				return Integer.valueOf(text.strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

	private static String first(Map<String, String> errors, String... fields) {
		for (String field : fields) {
			if (errors.containsKey(field)) {
				return errors.get(field);
			}
		}
		return null;
	}

	private Quarter chosenQuarter(String text) {
		Quarter current = Quarter.of(LocalDate.now(this.clock));
		if (!StringUtils.hasText(text)) {
			return current;
		}
		try {
			Quarter parsed = Quarter.parse(text);
			return parsed.isAfter(current) ? current : parsed;
		}
		catch (RuleViolationException ex) {
			return current;
		}
	}

	/** The current quarter and the ones before it, newest first. */
	private List<String> quarters() {
		List<String> quarters = new ArrayList<>();
		LocalDate day = LocalDate.now(this.clock);
		for (int i = 0; i < QUARTERS_OFFERED; i++) {
			quarters.add(Quarter.of(day.minusMonths(3L * i)).toString());
		}
		return quarters;
	}

	private static Map<String, List<CreditRatingView.Line>> linesByCategory(List<CreditRatingView.Line> lines) {
		Map<String, List<CreditRatingView.Line>> grouped = new LinkedHashMap<>();
		lines.forEach((line) -> grouped.computeIfAbsent(line.category(), (c) -> new ArrayList<>()).add(line));
		return grouped;
	}

	/**
	 * One indicator on the form.
	 *
	 * @param name the form field: the entered value, or the override's value
	 * @param computed what Dakehu computed; null for an entered indicator
	 */
	record Field(int number, String label, String inputType, BigDecimal points, boolean financial, boolean isComputed,
			String computed, String name, String value, String reason, String error) {

		public boolean rating() {
			return InputType.RATING.name().equals(this.inputType);
		}

		public boolean tier() {
			return InputType.TIER.name().equals(this.inputType);
		}

	}

}
