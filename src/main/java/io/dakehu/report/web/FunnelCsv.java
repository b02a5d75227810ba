package io.dakehu.report.web;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.dakehu.opportunity.FunnelLine;
import io.dakehu.opportunity.FunnelReport;
import io.dakehu.shared.web.Labels;

/**
 * Writes the funnel as CSV in the layout of the source texts' table: whole-yuan averages
 * and percentages with two decimals, the total last.
 */
final class FunnelCsv {

	private FunnelCsv() {
	}

	static String write(FunnelReport report, Labels labels) {
		StringBuilder csv = new StringBuilder("\uFEFF");
		String[] headers = { "report.funnel.salesperson", "report.funnel.targets", "report.funnel.mediumHigh",
				"report.funnel.low", "report.funnel.closed", "report.funnel.sales", "report.funnel.avgPerClosed",
				"report.funnel.avgPerMediumHigh", "report.funnel.avgPerTarget", "report.funnel.closedToTargets",
				"report.funnel.closedToMediumHigh" };
		for (int i = 0; i < headers.length; i++) {
			csv.append((i > 0) ? "," : "").append(quote(labels.get(headers[i])));
		}
		csv.append("\r\n");
		for (FunnelLine line : report.rows()) {
			line(csv, line.salesperson(), line);
		}
		line(csv, labels.get("report.funnel.total"), report.total());
		return csv.toString();
	}

	private static void line(StringBuilder csv, String name, FunnelLine line) {
		csv.append(quote(name))
			.append(',')
			.append(line.targets())
			.append(',')
			.append(line.mediumHighIntention())
			.append(',')
			.append(line.lowIntention())
			.append(',')
			.append(line.closed())
			.append(',')
			.append(whole(line.sales()))
			.append(',')
			.append(whole(line.avgPerClosed()))
			.append(',')
			.append(whole(line.avgPerMediumHigh()))
			.append(',')
			.append(whole(line.avgPerTarget()))
			.append(',')
			.append(percent(line.closedToTargets()))
			.append(',')
			.append(percent(line.closedToMediumHigh()))
			.append("\r\n");
	}

	/** Whole yuan, as the source table shows amounts. */
	static String whole(BigDecimal amount) {
		return (amount != null) ? amount.setScale(0, RoundingMode.HALF_UP).toPlainString() : "";
	}

	static String percent(BigDecimal ratio) {
		return (ratio != null) ? ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%" : "";
	}

	private static String quote(String text) {
		if (text == null) {
			return "";
		}
		if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
