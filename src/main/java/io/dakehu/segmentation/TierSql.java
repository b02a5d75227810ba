package io.dakehu.segmentation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * The tiers of the latest company-wide run and the contact cadence each earns (DOMAIN.md
 * §10.1), as SQL for reports of other modules, from {@link Segmentation#latestTierSql()}.
 * An account the run did not rank (or every account, before the first run) is Small.
 *
 * @param table a parenthesised sub-select with columns {@code account_id} and
 * {@code tier}
 */
@NamedInterface("sql")
public record TierSql(String table, Map<String, Object> params) {

	static TierSql of(Long runId, SegmentationSettings settings) {
		Map<String, Object> params = new HashMap<>();
		params.put("cadenceVip", settings.cadenceVip());
		params.put("cadenceMajor", settings.cadenceMajor());
		params.put("cadenceOrdinary", settings.cadenceOrdinary());
		params.put("cadenceSmall", settings.cadenceSmall());
		String where = "1 = 0";
		if (runId != null) {
			where = "ts.run_id = :tierRun";
			params.put("tierRun", runId);
		}
		return new TierSql("(select ts.account_id, ts.tier from segmentation_snapshot ts where " + where + ")", params);
	}

	/**
	 * The days between contacts each tier earns, VIP first, keyed by the tier's code.
	 */
	public Map<String, Integer> cadences() {
		Map<String, Integer> cadences = new LinkedHashMap<>();
		cadences.put(Tier.VIP.name(), (Integer) this.params.get("cadenceVip"));
		cadences.put(Tier.MAJOR.name(), (Integer) this.params.get("cadenceMajor"));
		cadences.put(Tier.ORDINARY.name(), (Integer) this.params.get("cadenceOrdinary"));
		cadences.put(Tier.SMALL.name(), (Integer) this.params.get("cadenceSmall"));
		return cadences;
	}

	/**
	 * The days between contacts for the tier in the given column (null is Small).
	 * @param tierColumn such as {@code t.tier}
	 */
	public String cadence(String tierColumn) {
		// Typed, so "date + cadence" stays date arithmetic on H2, which would otherwise
		// take an untyped parameter for text.
		return "cast(case " + tierColumn + " when 'VIP' then :cadenceVip when 'MAJOR' then :cadenceMajor"
				+ " when 'ORDINARY' then :cadenceOrdinary else :cadenceSmall end as integer)";
	}

	/**
	 * The tier in the given column as a column value that orders VIP first, then down.
	 */
	public String tierOrder(String tierColumn) {
		return order(tierColumn);
	}

	/**
	 * As {@link #tierOrder(String)}, for a query that reads tiers kept elsewhere and
	 * needs no run or cadence.
	 */
	public static String order(String tierColumn) {
		return "(case " + tierColumn + " when 'VIP' then 0 when 'MAJOR' then 1 when 'ORDINARY' then 2 else 3 end)";
	}

}
