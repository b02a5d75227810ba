package io.dakehu.report.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.dakehu.opportunity.FunnelLine;
import io.dakehu.opportunity.FunnelReport;
import io.dakehu.shared.export.TableWriter;
import io.dakehu.shared.web.Labels;

/**
 * The funnel as a table in the layout of the source texts' table: whole-yuan averages and
 * percentages with two decimals, the total last, the header in the reader's language.
 * Written through {@link TableWriter}, so a salesperson's name is never run as a formula.
 */
final class FunnelTable {

	private static final List<String> HEADER = List.of("report.funnel.salesperson", "report.funnel.targets",
			"report.funnel.mediumHigh", "report.funnel.low", "report.funnel.closed", "report.funnel.sales",
			"report.funnel.avgPerClosed", "report.funnel.avgPerMediumHigh", "report.funnel.avgPerTarget",
			"report.funnel.closedToTargets", "report.funnel.closedToMediumHigh");

	private final List<String> header;

	private final String total;

	/**
	 * Looks the labels up now: the file is written after the request thread has returned,
	 * without the reader's locale.
	 */
	FunnelTable(Labels labels, Locale locale) {
		this.header = HEADER.stream().map((key) -> labels.get(locale, key)).toList();
		this.total = labels.get(locale, "report.funnel.total");
	}

	void write(FunnelReport report, TableWriter table) throws IOException {
		table.row(this.header);
		for (FunnelLine line : report.rows()) {
			row(table, line.salesperson(), line);
		}
		row(table, this.total, report.total());
	}

	private static void row(TableWriter table, String name, FunnelLine line) throws IOException {
		table.row(Arrays.asList(name, line.targets(), line.mediumHighIntention(), line.lowIntention(), line.closed(),
				whole(line.sales()), whole(line.avgPerClosed()), whole(line.avgPerMediumHigh()),
				whole(line.avgPerTarget()), percent(line.closedToTargets()), percent(line.closedToMediumHigh())));
	}

	/** Whole yuan, as the source table shows amounts. */
	private static BigDecimal whole(BigDecimal amount) {
		return (amount != null) ? amount.setScale(0, RoundingMode.HALF_UP) : null;
	}

	private static String percent(BigDecimal ratio) {
		return (ratio != null) ? ratio.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString() + "%" : null;
	}

}
