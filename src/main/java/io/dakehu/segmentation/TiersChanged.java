package io.dakehu.segmentation;

import java.util.Map;

/**
 * What {@link Segmentation#latestTierSql()} answers may have changed: a run ranked the
 * accounts anew, or the contact cadences were saved. Published inside the writing
 * transaction.
 *
 * @param movedAccounts a parenthesised sub-select with the column {@code account_id}
 * naming every account whose tier may differ from the one before (a run's moves), or null
 * when every account's tier or cadence may have changed
 * @param params the sub-select's parameters
 */
public record TiersChanged(String movedAccounts, Map<String, Object> params) {

	public TiersChanged {
		params = (params != null) ? Map.copyOf(params) : Map.of();
	}

	/** Every account may have another tier or cadence now. */
	public static TiersChanged everyAccount() {
		return new TiersChanged(null, Map.of());
	}

	/**
	 * A company-wide run replaced the previous one's tiers: the accounts it ranked in
	 * another tier than the previous run did, or ranked for the first time, and those the
	 * previous run ranked and this one did not (Small now).
	 * @param previousRunId the company-wide run before it; -1 when there was none
	 */
	public static TiersChanged afterRun(long runId, long previousRunId) {
		return new TiersChanged("""
				(select mn.account_id from segmentation_snapshot mn
				 left join segmentation_snapshot mp on mp.account_id = mn.account_id and mp.run_id = :movedPrevious
				 where mn.run_id = :movedRun and (mp.tier is null or mp.tier <> mn.tier)
				 union
				 select mp.account_id from segmentation_snapshot mp
				 where mp.run_id = :movedPrevious
				   and not exists (select 1 from segmentation_snapshot mn
				                   where mn.run_id = :movedRun and mn.account_id = mp.account_id))""",
				Map.of("movedRun", runId, "movedPrevious", previousRunId));
	}

	/** Whether every account's row must be recomputed, not only the moved ones. */
	public boolean everyAccountMayHaveChanged() {
		return this.movedAccounts == null;
	}

}
