package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The default credit scorecard written out by hand from the table in DOMAIN.md §5, not
 * read from the migration, so the engine tests and the check of the loaded defaults
 * compare two independent writings of the same table.
 */
final class DomainCreditCard {

	/**
	 * number | category | financial | points | input type | source | bands from the top.
	 */
	static final List<String> ROWS = List.of(
			"1|CHARACTER|N|4|YEARS|FIRST_PURCHASE_YEARS|GE 5=4;GE 3=3;GE 1=2;GT 0=1;ELSE=0",
			"2|CHARACTER|N|4|RATING|ENTERED|EQ 5=4;EQ 4=3;EQ 3=2;EQ 2=1;ELSE=0",
			"3|CHARACTER|N|4|RATING|ENTERED|EQ 5=4;EQ 4=3;EQ 3=2;EQ 2=1;ELSE=0",
			"4|CHARACTER|N|4|RATING|ENTERED|EQ 5=4;EQ 4=3;EQ 3=2;EQ 2=1;ELSE=0",
			"5|CHARACTER|N|4|COUNT|ENTERED|EQ 0=4;EQ 1=2;ELSE=0",
			"6|FULFILMENT|N|12|PERCENTAGE|ON_TIME_RATE|GE 98=12;GE 90=10;GE 80=7;GE 60=4;ELSE=0",
			"7|FULFILMENT|N|8|NUMBER|DAYS_OVERDUE|LE 0=8;LE 15=6;LE 30=4;LE 60=2;ELSE=0",
			"8|FULFILMENT|N|5|PERCENTAGE|FULFILMENT_RATE|GE 98=5;GE 90=4;GE 80=2;ELSE=0",
			"9|FULFILMENT|N|5|COUNT|DEFAULTS|EQ 0=5;EQ 1=2;ELSE=0",
			"10|SOLVENCY|F|5|PERCENTAGE|ENTERED|LE 40=5;LE 55=4;LE 70=2;LE 85=1;ELSE=0",
			"11|SOLVENCY|F|4|NUMBER|ENTERED|GE 2.0=4;GE 1.5=3;GE 1.0=2;GE 0.8=1;ELSE=0",
			"12|SOLVENCY|F|3|NUMBER|ENTERED|GE 1.0=3;GE 0.8=2;GE 0.5=1;ELSE=0",
			"13|OPERATING|F|4|NUMBER|ENTERED|GE 8=4;GE 6=3;GE 4=2;GE 2=1;ELSE=0",
			"14|OPERATING|F|3|NUMBER|ENTERED|GE 6=3;GE 4=2;GE 2=1;ELSE=0",
			"15|OPERATING|N|8|TIER|LATEST_TIER|EQ VIP=8;EQ MAJOR=6;EQ ORDINARY=4;EQ SMALL=2;ELSE=0",
			"16|OPERATING|N|6|RATING|ENTERED|EQ 5=6;EQ 4=5;EQ 3=3;EQ 2=1;ELSE=0",
			"17|OPERATING|N|6|RATING|ENTERED|EQ 5=6;EQ 4=5;EQ 3=3;EQ 2=1;ELSE=0",
			"18|PROFITABILITY|F|5|PERCENTAGE|ENTERED|GE 15=5;GE 10=4;GE 5=3;GE 0=1;ELSE=0",
			"19|PROFITABILITY|F|3|PERCENTAGE|ENTERED|GE 15=3;GE 8=2;GE 0=1;ELSE=0",
			"20|PROFITABILITY|F|3|PERCENTAGE|ENTERED|GE 8=3;GE 4=2;GE 0=1;ELSE=0");

	private DomainCreditCard() {
	}

	static List<Indicator> indicators() {
		List<Indicator> indicators = new ArrayList<>();
		for (String row : ROWS) {
			String[] f = row.split("\\|");
			List<Band> bands = new ArrayList<>();
			for (String band : f[6].split(";")) {
				String[] opAndPoints = band.split("=");
				String[] op = opAndPoints[0].split(" ");
				bands.add(new Band(Band.Op.valueOf(op[0]), (op.length > 1) ? op[1] : null,
						new BigDecimal(opAndPoints[1])));
			}
			indicators.add(new Indicator(Integer.parseInt(f[0]), f[1], f[1] + "zh", f[1] + "en", "#" + f[0] + "zh",
					"#" + f[0] + "en", f[2].equals("F"), new BigDecimal(f[3]), InputType.valueOf(f[4]),
					IndicatorSource.valueOf(f[5]), bands));
		}
		return indicators;
	}

	static List<GradeBand> grades() {
		return List.of(grade("AAA", 90), grade("AA", 80), grade("A", 70), grade("B", 60), grade("C", 0));
	}

	static ScorecardVersion version() {
		return new ScorecardVersion(1, 1, ScorecardKind.CREDIT, 1, "test", LocalDateTime.of(2026, 1, 1, 0, 0),
				indicators(), grades());
	}

	private static GradeBand grade(String code, int min) {
		return new GradeBand(code, code, code, BigDecimal.valueOf(min));
	}

}
