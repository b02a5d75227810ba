package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Board;
import io.dakehu.opportunity.Comparison;
import io.dakehu.opportunity.ComparisonInput;
import io.dakehu.opportunity.Comparisons;
import io.dakehu.opportunity.Criterion;
import io.dakehu.opportunity.Forecasts;
import io.dakehu.opportunity.Intention;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityInput;
import io.dakehu.opportunity.OpportunityPage;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.OpportunityTotals;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.opportunity.TargetInput;
import io.dakehu.opportunity.Targets;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The pipeline pages: the board (drag a card, or use its "Move to…" menu, which works
 * without JavaScript and from the keyboard), the list, an opportunity with its history,
 * closing forms and competitor comparison, the forecast, target companies and the open
 * opportunities section of the account page.
 */
@Controller
class PipelinePages {

	/** Cards a board column shows at first and adds with each "more". */
	static final int COLUMN_SIZE = 20;

	static final int LIST_SIZE = 25;

	private final Pipeline pipeline;

	private final Opportunities opportunities;

	private final Comparisons comparisons;

	private final Forecasts forecasts;

	private final Targets targets;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	PipelinePages(Pipeline pipeline, Opportunities opportunities, Comparisons comparisons, Forecasts forecasts,
			Targets targets, AccountQueries accounts, Users users, Labels labels) {
		this.pipeline = pipeline;
		this.opportunities = opportunities;
		this.comparisons = comparisons;
		this.forecasts = forecasts;
		this.targets = targets;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
	}

	private void filters(Model model, CurrentUser me, PipelineFilter filter) {
		model.addAttribute("filter", filter);
		model.addAttribute("anyOwner", PipelineParams.ANY_OWNER);
		model.addAttribute("owners", this.targets.salespeople(me.scope()));
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("tiers", Tier.values());
		model.addAttribute("purchaseTypes", PurchaseType.values());
		model.addAttribute("openStages", Stage.open());
	}

	/**
	 * The board's frame: filters, totals and one empty column per buying step, each of
	 * which loads its cards by itself ({@link #column}).
	 */
	@GetMapping("/pipeline")
	String board(PipelineParams params, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.boardFilter(me);
		filters(model, me, filter);
		boardFrame(model, me, filter);
		return "opportunity/board";
	}

	private void boardFrame(Model model, CurrentUser me, PipelineFilter filter) {
		Map<Stage, OpportunityTotals> byStage = this.pipeline.totalsByStage(me, filter);
		BigDecimal amount = BigDecimal.ZERO;
		BigDecimal weighted = BigDecimal.ZERO;
		Map<String, Long> counts = new java.util.HashMap<>();
		for (Stage stage : Stage.open()) {
			OpportunityTotals totals = byStage.getOrDefault(stage, OpportunityTotals.NONE);
			amount = amount.add(totals.amount());
			weighted = weighted.add(totals.weighted());
			counts.put(stage.name(), totals.count());
		}
		model.addAttribute("filter", filter);
		model.addAttribute("amount", amount);
		model.addAttribute("weighted", weighted);
		model.addAttribute("counts", counts);
		model.addAttribute("probabilities", byName(this.pipeline.probabilities()));
		model.addAttribute("columnUrls", columnUrls(filter));
		model.addAttribute("back", PipelineParams.url("/pipeline", filter).toUriString());
	}

	/**
	 * The steps' names, looked up once per answer rather than once per card's menu
	 * option: a column of 20 cards would otherwise resolve 160 of them.
	 */
	private Map<String, String> stageLabels() {
		Map<String, String> labels = new java.util.HashMap<>();
		for (Stage stage : Stage.open()) {
			labels.put(stage.name(), this.labels.get("stage." + stage.name()));
		}
		return labels;
	}

	private static Map<String, String> columnUrls(PipelineFilter filter) {
		Map<String, String> urls = new java.util.HashMap<>();
		for (Stage stage : Stage.open()) {
			urls.put(stage.name(), PipelineParams.url("/pipeline/columns/" + stage.name(), filter).toUriString());
		}
		return urls;
	}

	private static Map<String, Integer> byName(Map<Stage, Integer> probabilities) {
		Map<String, Integer> named = new java.util.HashMap<>();
		probabilities.forEach((stage, value) -> named.put(stage.name(), value));
		return named;
	}

	/**
	 * One column of the board with its totals and first cards; a later page answers only
	 * its cards and the button for the next one, to go below those already shown.
	 */
	@GetMapping("/pipeline/columns/{stage}")
	String column(@PathVariable Stage stage, PipelineParams params, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.boardFilter(me);
		PageRequest page = params.pageRequest(COLUMN_SIZE);
		columnModel(model, me, filter, stage, page);
		return (page.page() == 0) ? "opportunity/board :: column" : "opportunity/board :: cards";
	}

	private void columnModel(Model model, CurrentUser me, PipelineFilter filter, Stage stage, PageRequest page) {
		Board.Column column = this.pipeline.column(me, filter, stage, page);
		model.addAttribute("column", column);
		model.addAttribute("columnUrls", columnUrls(filter));
		model.addAttribute("pageSize", page.size());
		model.addAttribute("openStages", Stage.open());
		model.addAttribute("stageLabels", stageLabels());
		model.addAttribute("back", PipelineParams.url("/pipeline", filter).toUriString());
	}

	@GetMapping("/pipeline/list")
	String list(PipelineParams params, Model model) {
		CurrentUser me = this.users.current();
		PipelineFilter filter = params.filter(me);
		filters(model, me, filter);
		OpportunitySort sort = params.sorting();
		OpportunityPage result = this.pipeline.list(me, filter, !params.includeClosed(), sort,
				params.pageRequest(LIST_SIZE));
		model.addAttribute("result", result.page());
		model.addAttribute("totals", result.totals());
		model.addAttribute("closed", params.includeClosed());
		model.addAttribute("sort", sort);
		model.addAttribute("allStages", Stage.values());
		UriComponentsBuilder base = PipelineParams.url("/pipeline/list", filter);
		if (params.includeClosed()) {
			base.queryParam("closed", true);
		}
		// Column headers keep the filter and start again at the first page.
		model.addAttribute("sortUrl", base.cloneBuilder().toUriString() + "&sort=");
		model.addAttribute("pageUrl", base.cloneBuilder().queryParam("sort", sort.parameter()).toUriString());
		model.addAttribute("closedUrl",
				PipelineParams.url("/pipeline/list", filter)
					.queryParam("closed", !params.includeClosed())
					.queryParam("sort", sort.parameter())
					.toUriString());
		return "opportunity/list";
	}

	/**
	 * A move from the board. htmx (a card's menu, or a drag, which submits the same form)
	 * gets the two columns concerned and the totals, drawn again under the board's
	 * filter, or the reason in plain text; without scripts the form gets a redirect back
	 * to the board as it was filtered.
	 */
	@PostMapping("/pipeline/{id}/move")
	Object move(@PathVariable long id, @RequestParam Stage stage, @RequestParam(required = false) Integer version,
			@RequestParam(defaultValue = "/pipeline") String back, PipelineParams params,
			@RequestHeader(name = "HX-Request", required = false) String htmx, Model model,
			RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		try {
			Stage from = this.opportunities.get(me.scope(), id).stage();
			this.pipeline.moveTo(me, id, stage, version);
			if (htmx != null) {
				PipelineFilter filter = params.boardFilter(me);
				boardFrame(model, me, filter);
				model.addAttribute("openStages", Stage.open());
				model.addAttribute("stageLabels", stageLabels());
				List<Board.Column> columns = new ArrayList<>();
				for (Stage changed : (from == stage) ? List.of(stage) : List.of(from, stage)) {
					columns.add(this.pipeline.column(me, filter, changed, new PageRequest(0, COLUMN_SIZE)));
				}
				model.addAttribute("columns", columns);
				model.addAttribute("pageSize", COLUMN_SIZE);
				return "opportunity/board :: moved";
			}
			Flash.success(redirect, "pipeline.moved");
		}
		catch (RuleViolationException | StaleEditException ex) {
			String reason = reason(ex);
			if (htmx != null) {
				return ResponseEntity
					.status((ex instanceof StaleEditException) ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST)
					.contentType(MediaType.TEXT_PLAIN)
					.body(reason);
			}
			redirect.addFlashAttribute("problem", reason);
		}
		return "redirect:" + localPath(back, "/pipeline");
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

	private String reason(RuntimeException ex) {
		if (ex instanceof RuleViolationException rule) {
			return this.labels.field(rule.field()) + ": " + this.labels.get(rule.messageKey(), rule.args());
		}
		return this.labels.get("opportunity.stale");
	}

	@GetMapping("/opportunities/new")
	String newForm(@RequestParam(required = false) Long accountId, Model model) {
		CurrentUser me = this.users.current();
		if (accountId != null) {
			model.addAttribute("account", this.accounts.requireVisible(me.scope(), accountId));
		}
		model.addAttribute("accountId", accountId);
		formOptions(model, me);
		return "opportunity/form";
	}

	private void formOptions(Model model, CurrentUser me) {
		model.addAttribute("purchaseTypes", PurchaseType.values());
		model.addAttribute("openStages", Stage.open());
		model.addAttribute("myUsername", me.username());
		model.addAttribute("myName", me.displayName());
	}

	@PostMapping("/opportunities")
	String create(@RequestParam(required = false) Long accountId, @RequestParam String name,
			@RequestParam(required = false) BigDecimal amount, @RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseDate,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) Stage stage,
			@RequestParam(required = false) Long productId, @RequestParam(required = false) String nextStep,
			RedirectAttributes redirect) {
		try {
			OpportunityView created = this.pipeline.open(this.users.current(),
					new OpportunityInput(accountId, name, amount, owner, expectedCloseDate, purchaseType, stage,
							(productId != null) ? List.of(productId) : List.of(), nextStep));
			Flash.success(redirect, "opportunity.saved");
			return "redirect:/opportunities/" + created.id();
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
			return "redirect:/opportunities/new" + ((accountId != null) ? "?accountId=" + accountId : "");
		}
	}

	@GetMapping("/opportunities/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		OpportunityView opportunity = this.opportunities.get(me.scope(), id);
		model.addAttribute("o", opportunity);
		model.addAttribute("history", this.pipeline.history(me, id));
		Comparison comparison = this.comparisons.get(me.scope(), id);
		model.addAttribute("comparison", comparison);
		model.addAttribute("criteria", Criterion.values());
		List<String> competitors = new ArrayList<>(comparison.competitors());
		while (competitors.size() < 3) {
			competitors.add("");
		}
		model.addAttribute("competitorSlots", competitors.subList(0, Math.max(3, comparison.competitors().size())));
		// Keyed by name: template expressions index maps with strings.
		Map<String, Comparison.Row> rows = new java.util.HashMap<>();
		comparison.rows().forEach((row) -> rows.put(row.criterion().name(), row));
		model.addAttribute("comparisonRows", rows);
		model.addAttribute("today", LocalDate.now());
		model.addAttribute("ownerUser", this.users.get(opportunity.ownerId()));
		formOptions(model, me);
		return "opportunity/show";
	}

	@PostMapping("/opportunities/{id}/edit")
	String edit(@PathVariable long id, @RequestParam String name, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedCloseDate,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) String nextStep,
			@RequestParam Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect,
				() -> this.pipeline.edit(this.users.current(), id, version, new OpportunityInput(null, name, amount,
						owner, expectedCloseDate, purchaseType, null, List.of(), nextStep)));
	}

	@PostMapping("/opportunities/{id}/win")
	String win(@PathVariable long id, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeDate,
			@RequestParam Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect, () -> this.pipeline.win(this.users.current(), id, amount, closeDate, version));
	}

	@PostMapping("/opportunities/{id}/lose")
	String lose(@PathVariable long id, @RequestParam(required = false) String reason,
			@RequestParam(required = false) String competitor,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeDate,
			@RequestParam Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect,
				() -> this.pipeline.lose(this.users.current(), id, reason, competitor, closeDate, version));
	}

	@PostMapping("/opportunities/{id}/stage")
	String stage(@PathVariable long id, @RequestParam Stage stage, @RequestParam Integer version,
			RedirectAttributes redirect) {
		return attempt(id, redirect, () -> this.pipeline.moveTo(this.users.current(), id, stage, version));
	}

	/**
	 * The comparison form: one weight and our score per criterion, and up to three
	 * competitors' names and scores; blank cells are left out.
	 */
	@PostMapping("/opportunities/{id}/comparison")
	String compare(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
		Map<Criterion, Integer> weights = new EnumMap<>(Criterion.class);
		Map<Criterion, Integer> ours = new EnumMap<>(Criterion.class);
		Map<String, Map<Criterion, Integer>> competitors = new java.util.LinkedHashMap<>();
		try {
			for (Criterion criterion : Criterion.values()) {
				put(weights, criterion, form.get("weight." + criterion.name()));
				put(ours, criterion, form.get("ours." + criterion.name()));
			}
			for (int i = 0; i < 3; i++) {
				String name = form.get("competitor." + i);
				if (!StringUtils.hasText(name)) {
					continue;
				}
				Map<Criterion, Integer> scores = new EnumMap<>(Criterion.class);
				for (Criterion criterion : Criterion.values()) {
					put(scores, criterion, form.get("score." + i + "." + criterion.name()));
				}
				competitors.put(name.strip(), scores);
			}
		}
		catch (NumberFormatException ex) {
			redirect.addFlashAttribute("problem", this.labels.get("opportunity.validation.score"));
			return "redirect:/opportunities/" + id + "#comparison";
		}
		return attempt(id, redirect,
				() -> this.comparisons.save(this.users.current(), id, new ComparisonInput(weights, ours, competitors)))
				+ "#comparison";
	}

	private static void put(Map<Criterion, Integer> values, Criterion criterion, String text) {
		if (StringUtils.hasText(text)) {
			values.put(criterion, Integer.valueOf(text.strip()));
		}
	}

	private String attempt(long id, RedirectAttributes redirect, Runnable action) {
		try {
			action.run();
			Flash.success(redirect, "opportunity.saved");
		}
		catch (RuleViolationException | StaleEditException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		return "redirect:/opportunities/" + id;
	}

	/** The open opportunities part of the account page's "current transactions". */
	@GetMapping("/accounts/{accountId}/opportunities-section")
	String accountSection(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		model.addAttribute("account", account);
		model.addAttribute("open", this.opportunities.open(me.scope(), List.of(accountId)));
		return "opportunity/section";
	}

	@GetMapping("/pipeline/forecast")
	String forecast(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long teamId, @RequestParam(required = false) Long ownerId, Model model) {
		CurrentUser me = this.users.current();
		LocalDate start = (from != null) ? from : LocalDate.now().withDayOfYear(1);
		LocalDate end = (to != null) ? to : start.withDayOfYear(start.lengthOfYear());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("teamId", teamId);
		model.addAttribute("ownerId", ownerId);
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("owners", this.targets.salespeople(me.scope()));
		model.addAttribute("report", this.forecasts.forecast(me.scope(), start, end, teamId, ownerId));
		model.addAttribute("quotaHolders", this.targets.quotaHolders(me));
		return "opportunity/forecast";
	}

	@PostMapping("/pipeline/quotas")
	String quota(@RequestParam String salesperson,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) BigDecimal amount, RedirectAttributes redirect) {
		try {
			this.targets.setQuota(this.users.current(), salesperson, from, to, amount);
			Flash.success(redirect, "forecast.quotaSaved");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		return "redirect:/pipeline/forecast?from=" + from + "&to=" + to;
	}

	@GetMapping("/pipeline/targets")
	String targets(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long salespersonId, Model model) {
		CurrentUser me = this.users.current();
		LocalDate start = (from != null) ? from : LocalDate.now().withDayOfYear(1);
		LocalDate end = (to != null) ? to : start.withDayOfYear(start.lengthOfYear());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("salespersonId", salespersonId);
		model.addAttribute("owners", this.targets.salespeople(me.scope()));
		model.addAttribute("intentions", Intention.values());
		var rows = this.targets.list(me.scope(), salespersonId, start, end);
		model.addAttribute("rows", rows);
		// A salesperson may target an account outside the reader's scope (one they hope
		// to
		// win); its name then shows without a link that would answer 404.
		model.addAttribute("openable", this.accounts.openable(me.scope(),
				rows.stream().map((row) -> row.accountId()).filter(java.util.Objects::nonNull).toList()));
		return "opportunity/targets";
	}

	@PostMapping("/pipeline/targets")
	String addTarget(@RequestParam String salesperson, @RequestParam(required = false) Long accountId,
			@RequestParam(required = false) Intention intention,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, RedirectAttributes redirect) {
		try {
			this.targets.set(this.users.current(), new TargetInput(salesperson, accountId, intention, from, to));
			Flash.success(redirect, "targets.added");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		catch (io.dakehu.shared.NotFoundException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.field("accountId") + ": " + this.labels.get("validation.unknownAccount", accountId));
		}
		return "redirect:/pipeline/targets?from=" + from + "&to=" + to;
	}

	/**
	 * Bulk entry: one "username, account id, intention" line per company; all or nothing.
	 */
	@PostMapping("/pipeline/targets/bulk")
	String bulkTargets(@RequestParam String lines,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, RedirectAttributes redirect) {
		List<TargetInput> inputs = new ArrayList<>();
		int number = 0;
		try {
			for (String line : lines.split("\\R")) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				String[] cells = line.split("[,;\\t]");
				if (cells.length < 3) {
					throw new RuleViolationException("targets", "opportunity.validation.required");
				}
				inputs.add(new TargetInput(cells[0].strip(), Long.valueOf(cells[1].strip()),
						Intention.valueOf(cells[2].strip().toUpperCase(java.util.Locale.ROOT)), from, to));
			}
			number = 0;
			int saved = this.targets.setAll(this.users.current(), inputs).size();
			redirect.addFlashAttribute("notice", this.labels.get("targets.bulkSaved", saved));
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem",
					(number > 0) ? this.labels.get("targets.bulkLine", number, reason(ex)) : reason(ex));
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.get("targets.bulkLine", number, this.labels.get("targets.bulkHelp")));
		}
		catch (io.dakehu.shared.NotFoundException ex) {
			redirect.addFlashAttribute("problem", this.labels.get("validation.unknownAccount", ""));
		}
		return "redirect:/pipeline/targets?from=" + from + "&to=" + to;
	}

	@PostMapping("/pipeline/targets/{id}/delete")
	String removeTarget(@PathVariable long id, @RequestParam String back, RedirectAttributes redirect) {
		this.targets.remove(this.users.current(), id);
		Flash.success(redirect, "targets.removed");
		return "redirect:" + localPath(back, "/pipeline/targets");
	}

}
