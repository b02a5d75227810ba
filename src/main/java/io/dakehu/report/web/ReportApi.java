package io.dakehu.report.web;

import java.time.LocalDate;
import java.util.Locale;

import io.dakehu.identity.Users;
import io.dakehu.opportunity.Funnel;
import io.dakehu.opportunity.FunnelReport;
import io.dakehu.report.RoiReport;
import io.dakehu.report.SalesRoi;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;
import io.dakehu.shared.web.Labels;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The funnel per salesperson (JSON and CSV) and Sales ROI, in the caller's record scope.
 */
@RestController
class ReportApi {

	private final Funnel funnel;

	private final SalesRoi roi;

	private final Users users;

	private final Labels labels;

	ReportApi(Funnel funnel, SalesRoi roi, Users users, Labels labels) {
		this.funnel = funnel;
		this.roi = roi;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/api/v1/reports/funnel")
	FunnelJson funnel(@RequestParam LocalDate from, @RequestParam LocalDate to,
			@RequestParam(required = false) Long teamId, @RequestParam(required = false) Long salespersonId) {
		FunnelReport report = this.funnel.report(this.users.current().scope(), from, to, teamId, salespersonId);
		return new FunnelJson(report.from(), report.to(), report.rows(), report.total());
	}

	/**
	 * The same table as a CSV file with a BOM, so spreadsheet programs read the Chinese
	 * names; the funnel page's export button has its own address under the form login.
	 */
	@GetMapping("/api/v1/reports/funnel.csv")
	ResponseEntity<StreamingResponseBody> funnelCsv(@RequestParam LocalDate from, @RequestParam LocalDate to,
			@RequestParam(required = false) Long teamId, @RequestParam(required = false) Long salespersonId,
			Locale locale) {
		FunnelReport report = this.funnel.report(this.users.current().scope(), from, to, teamId, salespersonId);
		FunnelTable table = new FunnelTable(this.labels, locale);
		return TableDownload.of("funnel-" + from + "-" + to, ExportFormat.CSV, (file) -> table.write(report, file));
	}

	@GetMapping("/api/v1/reports/roi")
	RoiReport roi(@RequestParam LocalDate from, @RequestParam LocalDate to) {
		return this.roi.report(this.users.current().scope(), from, to);
	}

	record FunnelJson(LocalDate from, LocalDate to, java.util.List<io.dakehu.opportunity.FunnelLine> rows,
			io.dakehu.opportunity.FunnelLine total) {
	}

}
