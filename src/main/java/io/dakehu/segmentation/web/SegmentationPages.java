package io.dakehu.segmentation.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.order.OrderLedger;
import io.dakehu.segmentation.AccountStanding;
import io.dakehu.segmentation.AbcClass;
import io.dakehu.segmentation.BzChoice;
import io.dakehu.segmentation.BzDecisionInput;
import io.dakehu.segmentation.Measure;
import io.dakehu.segmentation.RunRequest;
import io.dakehu.segmentation.RunSummary;
import io.dakehu.segmentation.SegmentationRuns;
import io.dakehu.segmentation.Snapshots;
import io.dakehu.segmentation.TierMigration;
import io.dakehu.segmentation.Standings;
import io.dakehu.segmentation.SettingsStore;
import io.dakehu.segmentation.SegmentationSettings;
import io.dakehu.segmentation.SnapshotRow;
import io.dakehu.segmentation.Tier;
import io.dakehu.segmentation.ValueGrowth;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import jakarta.validation.Valid;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The segmentation pages: the dashboard and the JSON its charts read, the account lists
 * behind each chart, the tier section of the account page, and the thresholds.
 */
@Controller
class SegmentationPages {

	private static final int TOP = 20;

	/** The most movers the migration list shows, and so its export holds. */
	static final int MOVERS_LISTED = 500;

	private final SegmentationRuns runs;

	private final Snapshots snapshots;

	private final TierMigration migration;

	private final Standings standings;

	private final SettingsStore settings;

	private final Users users;

	private final MessageSource messages;

	private final OrderLedger ledger;

	SegmentationPages(SegmentationRuns runs, Snapshots snapshots, TierMigration migration, Standings standings,
			SettingsStore settings, Users users, MessageSource messages, OrderLedger ledger) {
		this.runs = runs;
		this.snapshots = snapshots;
		this.migration = migration;
		this.standings = standings;
		this.settings = settings;
		this.users = users;
		this.messages = messages;
		this.ledger = ledger;
	}

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(required = false) Long run, Model model) {
		CurrentUser me = this.users.current();
		Optional<RunSummary> chosen = (run != null) ? Optional.of(this.runs.summary(run)) : this.runs.latest();
		model.addAttribute("runs", this.runs.runs(30));
		model.addAttribute("measures", Measure.values());
		model.addAttribute("canRun", me.managesOthers());
		chosen.ifPresent((r) -> {
			model.addAttribute("run", r);
			model.addAttribute("scoped", this.snapshots.scopedSummary(me.scope(), r.id()));
		});
		return "segmentation/dashboard";
	}

	@PostMapping("/dashboard/runs")
	String run(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Measure measure, RedirectAttributes redirect) {
		try {
			RunSummary run = this.runs.run(this.users.current(), new RunRequest(from, to, measure));
			Flash.success(redirect, "segmentation.run.done");
			return "redirect:/dashboard?run=" + run.id();
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, ex.messageKey());
			return "redirect:/dashboard";
		}
	}

	/**
	 * Everything the dashboard's charts draw, with labels in the reader's language, so
	 * the chart script holds no words of its own.
	 */
	@GetMapping("/dashboard/data")
	@ResponseBody
	Map<String, Object> data(@RequestParam long run) {
		RecordScope scope = this.users.current().scope();
		RunSummary scoped = this.snapshots.scopedSummary(scope, run);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("run", run);
		data.put("labels", labels(scoped.withinScope()));
		data.put("pyramid", counts("tier.", scoped.pyramid()));
		data.put("abc", counts("abc.", scoped.abc()));
		data.put("valueGrowth", counts("valueGrowth.", scoped.valueGrowth()));
		Map<String, Object> pareto = new LinkedHashMap<>();
		pareto.put("points", this.snapshots.paretoCurve(scope, run, 100));
		pareto.put("customerShareFor80", scoped.pareto().customerShareFor80());
		pareto.put("aShare", share(scoped.abc().get("A"), scoped.accounts()));
		pareto.put("abShare", share(scoped.abc().get("A") + scoped.abc().get("B"), scoped.accounts()));
		data.put("pareto", pareto);
		List<Map<String, Object>> scatter = new ArrayList<>();
		for (SnapshotRow row : this.snapshots.valueGrowthPoints(scope, run, 400)) {
			boolean isNew = row.valueGrowth() == ValueGrowth.NEW;
			if (row.growth() == null && !isNew) {
				// Bought before, but the prior value was not positive (the profit
				// measure): no rate to draw.
				continue;
			}
			Map<String, Object> point = new LinkedHashMap<>();
			point.put("id", row.accountId());
			point.put("name", row.accountName());
			point.put("amount", row.amount());
			// A customer new in the period has no growth rate; it is drawn at the top
			// edge.
			point.put("growth",
					(row.growth() != null) ? row.growth().min(BigDecimal.valueOf(3)) : BigDecimal.valueOf(3));
			point.put("isNew", isNew);
			point.put("class", row.valueGrowth().name());
			scatter.add(point);
		}
		data.put("scatter", scatter);
		data.put("top", bars(this.snapshots.top(scope, run, TOP), false));
		data.put("costDrivers", bars(this.snapshots.costDrivers(scope, run, TOP), true));
		data.put("migration", migration(scope, run));
		return data;
	}

	private Map<String, Object> migration(RecordScope scope, long run) {
		RunSummary current = this.runs.summary(run);
		Optional<RunSummary> previous = this.runs.runs(200)
			.stream()
			.filter((r) -> r.startedAt().isBefore(current.startedAt())
					|| (r.startedAt().equals(current.startedAt()) && r.id() < current.id()))
			.findFirst();
		Map<String, Object> migration = new LinkedHashMap<>();
		if (previous.isEmpty()) {
			migration.put("from", null);
			return migration;
		}
		migration.put("from", previous.get().id());
		migration.put("to", run);
		migration.put("fromLabel", label("segmentation.runLabel", previous.get().id(), previous.get().to()));
		migration.put("toLabel", label("segmentation.runLabel", current.id(), current.to()));
		List<String> codes = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (Tier tier : Tier.values()) {
			codes.add(tier.name());
			names.add(label("tier." + tier.name()));
		}
		List<String> fromCodes = new ArrayList<>(codes);
		fromCodes.add("IN");
		List<String> toCodes = new ArrayList<>(codes);
		toCodes.add("OUT");
		List<String> fromNames = new ArrayList<>(names);
		fromNames.add(label("migration.in"));
		List<String> toNames = new ArrayList<>(names);
		toNames.add(label("migration.out"));
		List<long[]> cells = new ArrayList<>();
		for (TierMigration.Movement move : this.migration.migration(scope, previous.get().id(), run)) {
			int x = (move.to() != null) ? move.to().ordinal() : Tier.values().length;
			int y = (move.from() != null) ? move.from().ordinal() : Tier.values().length;
			cells.add(new long[] { x, y, move.accounts() });
		}
		migration.put("fromCodes", fromCodes);
		migration.put("toCodes", toCodes);
		migration.put("fromNames", fromNames);
		migration.put("toNames", toNames);
		migration.put("cells", cells);
		return migration;
	}

	private static double share(Long part, long whole) {
		return (whole == 0 || part == null) ? 0 : part / (double) whole;
	}

	private List<Map<String, Object>> counts(String prefix, Map<String, Long> counts) {
		List<Map<String, Object>> list = new ArrayList<>();
		counts.forEach((code, count) -> {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("code", code);
			item.put("label", label(prefix + code));
			item.put("count", count);
			list.add(item);
		});
		return list;
	}

	private static List<Map<String, Object>> bars(List<SnapshotRow> rows, boolean netProfit) {
		List<Map<String, Object>> list = new ArrayList<>();
		for (SnapshotRow row : rows) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("id", row.accountId());
			item.put("name", row.accountName());
			item.put("value", netProfit ? row.netProfit() : row.amount());
			item.put("tier", row.tier().name());
			list.add(item);
		}
		return list;
	}

	/**
	 * @param withinScope the curve is recomputed among the reader's customers, and its
	 * headline says so
	 */
	private Map<String, String> labels(boolean withinScope) {
		Map<String, String> labels = new LinkedHashMap<>();
		for (String key : List.of("chart.accounts", "chart.customerShare", "chart.valueShare", "chart.value",
				"chart.growth", "chart.netProfit", "chart.new", "chart.from", "chart.to", "chart.headline",
				"chart.diagonal", "chart.pareto", "chart.noPrevious")) {
			labels.put(key, label(key));
		}
		if (withinScope) {
			labels.put("chart.headline", label("chart.headline.scoped"));
		}
		for (ValueGrowth growth : ValueGrowth.values()) {
			labels.put("valueGrowth." + growth.name(), label("valueGrowth." + growth.name()));
		}
		return labels;
	}

	private String label(String key, Object... args) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage(key, args, key, locale);
	}

	// ---------------------------------------------------------------- lists behind
	// charts

	/**
	 * The accounts of a run with the chosen classes; without a run, those of the newest
	 * company-wide run, so a bookmarked "my VIP accounts" link stays current. Without any
	 * run yet there is nothing to list, and the dashboard offers to start one.
	 */
	@GetMapping("/segmentation/accounts")
	String accounts(@RequestParam(name = "run", required = false) Long chosenRun,
			@RequestParam(required = false) Tier tier, @RequestParam(required = false) AbcClass abc,
			@RequestParam(required = false) ValueGrowth valueGrowth, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Optional<Long> newest = (chosenRun != null) ? Optional.of(chosenRun) : this.runs.latest().map(RunSummary::id);
		if (newest.isEmpty()) {
			return "redirect:/dashboard";
		}
		long run = newest.get();
		RecordScope scope = this.users.current().scope();
		model.addAttribute("run", this.runs.summary(run));
		model.addAttribute("tier", tier);
		model.addAttribute("abc", abc);
		model.addAttribute("valueGrowth", valueGrowth);
		model.addAttribute("result",
				this.snapshots.accounts(scope, run, tier, abc, valueGrowth, new PageRequest(page, 50)));
		StringBuilder url = new StringBuilder("/segmentation/accounts?run=").append(run);
		if (tier != null) {
			url.append("&tier=").append(tier);
		}
		if (abc != null) {
			url.append("&abc=").append(abc);
		}
		if (valueGrowth != null) {
			url.append("&valueGrowth=").append(valueGrowth);
		}
		model.addAttribute("pageUrl", url.toString());
		return "segmentation/accounts";
	}

	@GetMapping("/segmentation/migration")
	String migration(@RequestParam(required = false) Long from, @RequestParam(required = false) Long to,
			@RequestParam(required = false) String fromTier, @RequestParam(required = false) String toTier,
			Model model) {
		if (from == null || to == null) {
			// The address alone (a bookmark, a typed URL) compares the two newest runs.
			List<RunSummary> newest = this.runs.runs(2);
			if (newest.size() < 2) {
				return "redirect:/dashboard";
			}
			return "redirect:/segmentation/migration?from=" + newest.get(1).id() + "&to=" + newest.get(0).id();
		}
		RecordScope scope = this.users.current().scope();
		model.addAttribute("fromRun", this.runs.summary(from));
		model.addAttribute("toRun", this.runs.summary(to));
		model.addAttribute("runs", this.runs.runs(50));
		model.addAttribute("tiers", Tier.values());
		model.addAttribute("fromTier", fromTier);
		model.addAttribute("toTier", toTier);
		model.addAttribute("moves",
				this.migration.movers(scope, from, to, valid(fromTier, "IN"), valid(toTier, "OUT"), MOVERS_LISTED));
		return "segmentation/migration";
	}

	/**
	 * A tier code from the query string, or the special "in"/"out" code; null for
	 * anything else, which the list treats as no filter.
	 */
	static String valid(String code, String special) {
		if (code == null || code.isBlank()) {
			return null;
		}
		if (code.equals(special)) {
			return code;
		}
		for (Tier tier : Tier.values()) {
			if (tier.name().equals(code)) {
				return code;
			}
		}
		return null;
	}

	// ---------------------------------------------------------------- account page

	@GetMapping("/accounts/{id}/segmentation/section")
	String section(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		AccountStanding standing = this.standings.standing(me.scope(), id);
		model.addAttribute("standing", standing);
		// Margin, net profit and CLV count a purchase without a cost as no margin:
		// say how many of the period's purchases that is, rather than present the
		// figures as fact.
		model.addAttribute("withoutCost", (standing.run() != null)
				? this.ledger.withoutCost(List.of(id), standing.run().from(), standing.run().to()).getOrDefault(id, 0L)
				: 0L);
		model.addAttribute("canPin", me.managesOthers());
		model.addAttribute("accountId", id);
		model.addAttribute("bzChoices", BzChoice.values());
		if (me.managesOthers()) {
			model.addAttribute("people", this.users.active());
			model.addAttribute("me", me.username());
			model.addAttribute("today", LocalDate.now());
		}
		return "segmentation/section :: section";
	}

	@PostMapping("/accounts/{id}/segmentation/pin")
	String pin(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		try {
			this.standings.pin(this.users.current(), id, reason);
			Flash.success(redirect, "standing.pinned");
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, ex.messageKey());
		}
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/segmentation/bz-decision")
	String decideBz(@PathVariable long id, @RequestParam(required = false) BzChoice decision,
			@RequestParam(required = false) String reason, @RequestParam(required = false) String owner,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate decidedOn,
			RedirectAttributes redirect) {
		try {
			this.standings.decideBz(this.users.current(), id, new BzDecisionInput(decision, reason, owner, decidedOn));
			Flash.success(redirect, "standing.bz.recorded");
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, ex.messageKey());
		}
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/segmentation/unpin")
	String unpin(@PathVariable long id, RedirectAttributes redirect) {
		this.standings.unpin(this.users.current(), id);
		Flash.success(redirect, "standing.unpinned");
		return "redirect:/accounts/" + id;
	}

	@PostMapping("/accounts/{id}/segmentation/wallet")
	String wallet(@PathVariable long id, @RequestParam(required = false) BigDecimal annualSpend,
			RedirectAttributes redirect) {
		try {
			this.standings.recordWallet(this.users.current(), id, annualSpend);
			Flash.success(redirect, "flash.saved");
		}
		catch (RuleViolationException ex) {
			Flash.error(redirect, ex.messageKey());
		}
		return "redirect:/accounts/" + id;
	}

	// ---------------------------------------------------------------- settings

	@GetMapping("/admin/segmentation")
	String settings(Model model) {
		model.addAttribute("form", this.settings.settings());
		return "segmentation/settings";
	}

	@PostMapping("/admin/segmentation")
	String saveSettings(@Valid @ModelAttribute("form") SegmentationSettings form, BindingResult errors, Model model,
			RedirectAttributes redirect) {
		if (!errors.hasErrors()) {
			try {
				this.settings.updateSettings(this.users.current(), form);
				Flash.success(redirect, "flash.saved");
				return "redirect:/admin/segmentation";
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
			catch (StaleEditException ex) {
				errors.reject("error.stale");
			}
		}
		return "segmentation/settings";
	}

}
