package io.dakehu.contract.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.contract.AgingBucket;
import io.dakehu.contract.AgingReport;
import io.dakehu.contract.AgingRow;
import io.dakehu.contract.AgingScope;
import io.dakehu.contract.CollectionPlan;
import io.dakehu.contract.ReceivableAging;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;
import io.dakehu.shared.web.Labels;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The receivables reports (DOMAIN.md §12): the aging by account, owner or team; the
 * collections forecast by week or month; and contracts signed against money received per
 * salesperson in a period (回款排名). Each as a table, a chart that opens what a bar stands
 * for, and an export in the reader's language.
 */
@Controller
class ReceivablePages {

	/** Weeks or months the forecast looks ahead. */
	static final int PERIODS = 12;

	/** Rows on a page of the aging, largest first; the chart shows the page's. */
	static final int AGING_PAGE = 50;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ReceivableAging aging;

	private final CollectionPlan plan;

	private final Users users;

	private final Labels labels;

	private final Clock clock;

	ReceivablePages(ReceivableAging aging, CollectionPlan plan, Users users, Labels labels, Clock clock) {
		this.aging = aging;
		this.plan = plan;
		this.users = users;
		this.labels = labels;
		this.clock = clock;
	}

	@GetMapping("/receivables/aging")
	String aging(@RequestParam(defaultValue = "ACCOUNT") AgingScope by, @RequestParam(defaultValue = "0") int page,
			Model model) {
		AgingReport report = this.aging.aging(this.users.current().scope(), by, new PageRequest(page, AGING_PAGE));
		List<AgingRow> rows = report.rows().content();
		List<String> links = links(rows, by);
		List<String> names = new ArrayList<>();
		for (AgingRow row : rows) {
			names.add(name(row, by));
		}
		List<Map<String, Object>> series = new ArrayList<>();
		for (AgingBucket bucket : AgingBucket.values()) {
			series.add(series(this.labels.get("aging.bucket." + bucket.name()),
					rows.stream().map((row) -> row.aging().in(bucket)).toList()));
		}
		model.addAttribute("rows", rows);
		model.addAttribute("result", report.rows());
		model.addAttribute("total", report.total());
		model.addAttribute("names", names);
		model.addAttribute("links", links);
		model.addAttribute("by", by);
		model.addAttribute("scopes", AgingScope.values());
		model.addAttribute("buckets", AgingBucket.values());
		model.addAttribute("chart", chart(names, series, links, true, false));
		return "contract/aging";
	}

	@GetMapping("/receivables/aging/export")
	ResponseEntity<StreamingResponseBody> agingExport(@RequestParam(defaultValue = "ACCOUNT") AgingScope by,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale) {
		List<AgingRow> rows = this.aging.agingAll(this.users.current().scope(), by);
		List<Object> header = new ArrayList<>();
		header.add(this.labels.get(locale, "aging.scope." + by.name()));
		for (AgingBucket bucket : AgingBucket.values()) {
			header.add(this.labels.get(locale, "aging.bucket." + bucket.name()));
		}
		header.add(this.labels.get(locale, "aging.total"));
		List<List<Object>> lines = new ArrayList<>();
		for (AgingRow row : rows) {
			List<Object> line = new ArrayList<>();
			line.add((row.name() != null) ? row.name() : this.labels.get(locale, "aging.noTeam"));
			for (AgingBucket bucket : AgingBucket.values()) {
				line.add(row.aging().in(bucket));
			}
			line.add(row.aging().total());
			lines.add(line);
		}
		return download("receivables-aging", format, header, lines);
	}

	@GetMapping("/receivables/forecast")
	String forecast(@RequestParam(defaultValue = "WEEK") CollectionPlan.Step step, Model model) {
		List<CollectionPlan.Period> periods = this.plan.forecast(this.users.current().scope(), step, PERIODS);
		List<String> names = periods.stream().map((p) -> shortPeriod(p, step)).toList();
		List<String> links = new ArrayList<>();
		for (CollectionPlan.Period p : periods) {
			links.add(p.overdue() ? "/contracts?overdue=true" : null);
		}
		model.addAttribute("periods", periods);
		model.addAttribute("step", step);
		model.addAttribute("steps", CollectionPlan.Step.values());
		model.addAttribute("total",
				periods.stream().map(CollectionPlan.Period::owed).reduce(BigDecimal.ZERO, BigDecimal::add));
		model.addAttribute("chart", chart(names, List.of(series(this.labels.get("receivables.owed"),
				periods.stream().map(CollectionPlan.Period::owed).toList())), links, false, true));
		return "contract/forecast";
	}

	@GetMapping("/receivables/forecast/export")
	ResponseEntity<StreamingResponseBody> forecastExport(@RequestParam(defaultValue = "WEEK") CollectionPlan.Step step,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale) {
		List<CollectionPlan.Period> periods = this.plan.forecast(this.users.current().scope(), step, PERIODS);
		List<Object> header = List.of(this.labels.get(locale, "receivables.period"),
				this.labels.get(locale, "receivables.from"), this.labels.get(locale, "receivables.to"),
				this.labels.get(locale, "receivables.instalments"), this.labels.get(locale, "receivables.owed"));
		List<List<Object>> lines = new ArrayList<>();
		for (CollectionPlan.Period p : periods) {
			lines.add(Arrays.asList(period(p, locale), p.from(), p.to(), p.instalments(), p.owed()));
		}
		return download("collections-forecast", format, header, lines);
	}

	@GetMapping("/receivables/salespeople")
	String salespeople(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
		LocalDate[] period = period(from, to);
		List<CollectionPlan.Salesperson> ranking = this.plan.bySalesperson(this.users.current().scope(), period[0],
				period[1]);
		Map<Long, UserSummary> people = this.users
			.byIds(ranking.stream().map(CollectionPlan.Salesperson::userId).toList());
		List<String> names = ranking.stream().map(CollectionPlan.Salesperson::name).toList();
		List<String> links = ranking.stream()
			.map((s) -> people.containsKey(s.userId()) ? UriComponentsBuilder.fromPath("/contracts")
				.queryParam("owner", people.get(s.userId()).username())
				.build()
				.encode()
				.toUriString() : null)
			.toList();
		model.addAttribute("ranking", ranking);
		model.addAttribute("links", links);
		model.addAttribute("from", period[0]);
		model.addAttribute("to", period[1]);
		model.addAttribute("chart",
				chart(names,
						List.of(series(this.labels.get("receivables.signed"),
								ranking.stream().map(CollectionPlan.Salesperson::signed).toList()),
								series(this.labels.get("receivables.received"),
										ranking.stream().map(CollectionPlan.Salesperson::received).toList())),
						links, false, false));
		return "contract/salespeople";
	}

	@GetMapping("/receivables/salespeople/export")
	ResponseEntity<StreamingResponseBody> salespeopleExport(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "xlsx") String format, Locale locale) {
		LocalDate[] period = period(from, to);
		List<CollectionPlan.Salesperson> ranking = this.plan.bySalesperson(this.users.current().scope(), period[0],
				period[1]);
		List<Object> header = List.of(this.labels.get(locale, "receivables.salesperson"),
				this.labels.get(locale, "receivables.contracts"), this.labels.get(locale, "receivables.signed"),
				this.labels.get(locale, "receivables.received"), this.labels.get(locale, "receivables.receivedShare"),
				this.labels.get(locale, "receivables.overdue"));
		List<List<Object>> lines = new ArrayList<>();
		for (CollectionPlan.Salesperson s : ranking) {
			lines.add(Arrays.asList(s.name(), s.contracts(), s.signed(), s.received(), s.receivedShare(), s.overdue()));
		}
		return download("receipts-by-salesperson", format, header, lines);
	}

	/** The period asked for, else this year up to today. */
	private LocalDate[] period(LocalDate from, LocalDate to) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate end = (to != null) ? to : today;
		LocalDate start = (from != null) ? from : end.withDayOfYear(1);
		return start.isAfter(end) ? new LocalDate[] { end, start } : new LocalDate[] { start, end };
	}

	private String period(CollectionPlan.Period p, Locale locale) {
		return p.overdue() ? this.labels.get(locale, "receivables.overdue") : p.from() + " – " + p.to();
	}

	/**
	 * A period as the chart's axis names it, short enough for a phone: 12-07 or 2026-12.
	 */
	private String shortPeriod(CollectionPlan.Period p, CollectionPlan.Step step) {
		if (p.overdue()) {
			return this.labels.get("receivables.overdue");
		}
		return (step == CollectionPlan.Step.MONTH) ? YearMonth.from(p.from()).toString()
				: p.from().toString().substring(5);
	}

	private String name(AgingRow row, AgingScope by) {
		if (row.name() != null) {
			return row.name();
		}
		return (by == AgingScope.TEAM) ? this.labels.get("aging.noTeam") : "—";
	}

	/**
	 * Where each row's bar leads: the account, or the owner's contracts with money past
	 * due.
	 */
	private List<String> links(List<AgingRow> rows, AgingScope by) {
		List<String> links = new ArrayList<>();
		Map<Long, UserSummary> owners = (by == AgingScope.OWNER)
				? this.users.byIds(rows.stream().map(AgingRow::id).toList()) : Map.of();
		for (AgingRow row : rows) {
			if (by == AgingScope.ACCOUNT) {
				links.add("/accounts/" + row.id());
			}
			else if (by == AgingScope.OWNER && owners.containsKey(row.id())) {
				links.add(UriComponentsBuilder.fromPath("/contracts")
					.queryParam("owner", owners.get(row.id()).username())
					.queryParam("overdue", true)
					.build()
					.encode()
					.toUriString());
			}
			else {
				links.add(null);
			}
		}
		return links;
	}

	private static Map<String, Object> series(String name, List<BigDecimal> values) {
		Map<String, Object> series = new LinkedHashMap<>();
		series.put("name", name);
		series.put("data", values);
		return series;
	}

	/**
	 * What the chart script draws: categories, series, where a click leads; with
	 * {@code firstOverdue} the first bar is what is overdue already, drawn darker.
	 */
	private static String chart(List<String> categories, List<Map<String, Object>> series, List<String> links,
			boolean stacked, boolean firstOverdue) {
		Map<String, Object> chart = new LinkedHashMap<>();
		chart.put("categories", categories);
		chart.put("series", series);
		chart.put("links", links);
		chart.put("stacked", stacked);
		chart.put("firstOverdue", firstOverdue);
		return JSON.writeValueAsString(chart);
	}

	private static ResponseEntity<StreamingResponseBody> download(String name, String format, List<Object> header,
			List<List<Object>> lines) {
		return TableDownload.of(name, ExportFormat.parse(format), (table) -> {
			table.row(header);
			for (List<Object> line : lines) {
				table.row(line);
			}
		});
	}

}
