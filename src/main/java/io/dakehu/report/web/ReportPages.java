package io.dakehu.report.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Funnel;
import io.dakehu.opportunity.FunnelLine;
import io.dakehu.opportunity.FunnelReport;
import io.dakehu.report.SalesRoi;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;
import io.dakehu.shared.web.Labels;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The report pages: the funnel per salesperson as the source texts print it (table, CSV
 * download and chart) and Sales ROI. The period defaults to the current year.
 */
@Controller
class ReportPages {

	private final Funnel funnel;

	private final SalesRoi roi;

	private final Users users;

	private final Labels labels;

	ReportPages(Funnel funnel, SalesRoi roi, Users users, Labels labels) {
		this.funnel = funnel;
		this.roi = roi;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/reports")
	String funnel(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long teamId, Model model) {
		CurrentUser me = this.users.current();
		LocalDate start = (from != null) ? from : LocalDate.now().withDayOfYear(1);
		LocalDate end = (to != null) ? to : start.withDayOfYear(start.lengthOfYear());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("teamId", teamId);
		model.addAttribute("teams", this.users.teams());
		model.addAttribute("report", this.funnel.report(me.scope(), start, end, teamId, null));
		return "report/funnel";
	}

	/**
	 * The funnel page's export buttons: the table the page shows for the same period and
	 * team, as CSV or Excel, for the signed-in reader (the API's CSV asks for HTTP Basic,
	 * which a browser session does not carry).
	 */
	@GetMapping("/reports/funnel/export")
	ResponseEntity<StreamingResponseBody> funnelExport(
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long teamId, @RequestParam(defaultValue = "csv") String format,
			Locale locale) {
		ExportFormat file = ExportFormat.parse(format);
		FunnelReport report = this.funnel.report(this.users.current().scope(), from, to, teamId, null);
		FunnelTable table = new FunnelTable(this.labels, locale);
		return TableDownload.of("funnel-" + from + "-" + to, file, (rows) -> table.write(report, rows));
	}

	/** What the funnel chart draws, with labels in the reader's language. */
	@GetMapping("/reports/funnel/data")
	@ResponseBody
	Map<String, Object> funnelData(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Long teamId) {
		FunnelReport report = this.funnel.report(this.users.current().scope(), from, to, teamId, null);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("stages", List.of(this.labels.get("report.funnel.targets"),
				this.labels.get("report.funnel.mediumHigh"), this.labels.get("report.funnel.closed")));
		FunnelLine total = report.total();
		data.put("total", List.of(total.targets(), total.mediumHighIntention(), total.closed()));
		List<Map<String, Object>> people = new ArrayList<>();
		for (FunnelLine line : report.rows()) {
			Map<String, Object> person = new LinkedHashMap<>();
			person.put("name", line.salesperson());
			person.put("counts", List.of(line.targets(), line.mediumHighIntention(), line.closed()));
			person.put("sales", line.sales());
			people.add(person);
		}
		data.put("people", people);
		data.put("salesLabel", this.labels.get("report.funnel.sales"));
		data.put("companiesLabel", this.labels.get("report.funnel.companies"));
		return data;
	}

	@GetMapping("/reports/roi")
	String roi(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Model model) {
		CurrentUser me = this.users.current();
		LocalDate start = (from != null) ? from : LocalDate.now().withDayOfYear(1);
		LocalDate end = (to != null) ? to : start.withDayOfYear(start.lengthOfYear());
		model.addAttribute("from", start);
		model.addAttribute("to", end);
		model.addAttribute("report", this.roi.report(me.scope(), start, end));
		return "report/roi";
	}

}
