package io.dakehu.segmentation;

import java.time.LocalDate;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * Where each account stood in the latest company-wide run, as a derived table for other
 * modules' set-based reports (the standard questions, DOMAIN.md §11), from
 * {@link Segmentation#latestStandingSql()}. Columns: {@code account_id}, {@code tier},
 * {@code abc}, {@code rank_no}, {@code amount} (the run's value of the account, by its
 * measure), {@code revenue}, {@code margin}, {@code contact_cost}, {@code net_profit}
 * (margin less contact cost, §3.5) and {@code annual_spend} (the customer's whole yearly
 * spend where its manager recorded it, the base of share of wallet; null otherwise). Only
 * the accounts the run ranked have a row; before the first run, none has.
 *
 * @param from the first day of the run's period, null before the first run
 * @param to the last day of the run's period, null before the first run
 */
@NamedInterface("sql")
public record StandingSql(String table, Map<String, Object> params, LocalDate from, LocalDate to) {

	private static final String STANDING = """
			(select st.account_id, st.tier, st.abc, st.rank_no, st.amount, st.revenue, st.margin, st.contact_cost,
			        st.net_profit, sw.annual_spend
			 from segmentation_snapshot st
			 left join segmentation_wallet sw on sw.account_id = st.account_id
			 where %s)""";

	static StandingSql of(RunSummary run) {
		if (run == null) {
			return new StandingSql(STANDING.formatted("1 = 0"), Map.of(), null, null);
		}
		return new StandingSql(STANDING.formatted("st.run_id = :standingRun"), Map.of("standingRun", run.id()),
				run.from(), run.to());
	}

}
