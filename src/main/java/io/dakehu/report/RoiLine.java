package io.dakehu.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Sales ROI (投资回报) of a salesperson or an account: won sales ÷ hours spent.
 *
 * @param hours person-hours from activity durations, 2 decimals
 * @param salesPerHour null when no time was recorded
 */
public record RoiLine(long id, String name, BigDecimal sales, BigDecimal hours, BigDecimal salesPerHour) {

	static RoiLine of(long id, String name, BigDecimal sales, long minutes) {
		BigDecimal hours = BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
		BigDecimal perHour = (minutes == 0) ? null
				: sales.multiply(BigDecimal.valueOf(60)).divide(BigDecimal.valueOf(minutes), 2, RoundingMode.HALF_UP);
		return new RoiLine(id, name, sales.setScale(2, RoundingMode.HALF_UP), hours, perHour);
	}

}
