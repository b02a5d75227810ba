package io.dakehu.segmentation;

import java.util.List;

import io.dakehu.identity.RecordScope;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules ask of segmentation, in one place: the latest runs, the accounts
 * that changed tier between two of them, and the latest tiers with their contact cadence
 * as SQL. The module's own pages and API use the focused services behind it
 * ({@link SegmentationRuns}, {@link Snapshots}, {@link TierMigration}, {@link Standings},
 * {@link SettingsStore}); this face stays small so other modules depend on what they use,
 * not on how the module is divided inside.
 */
@Service
@Transactional(readOnly = true)
public class Segmentation {

	private final SegmentationRuns runs;

	private final TierMigration migration;

	private final SettingsStore settings;

	Segmentation(SegmentationRuns runs, TierMigration migration, SettingsStore settings) {
		this.runs = runs;
		this.migration = migration;
		this.settings = settings;
	}

	/** Company-wide runs, newest first. */
	public List<RunSummary> runs(int limit) {
		return this.runs.runs(limit);
	}

	/**
	 * The reader's accounts that changed tier between two runs (optionally from and to
	 * given tiers; "in" and "out" as null), best later rank first.
	 */
	public List<TierMigration.Move> movers(RecordScope scope, long fromRun, long toRun, String fromTier, String toTier,
			int limit) {
		return this.migration.movers(scope, fromRun, toRun, fromTier, toTier, limit);
	}

	/**
	 * The latest company-wide run's tiers with their contact cadence, for other modules'
	 * set-based reports (the home page's contacts due).
	 */
	public TierSql latestTierSql() {
		return TierSql.of(this.runs.latestRunId().orElse(null), this.settings.settings());
	}

	/**
	 * Where each account stood in the latest company-wide run (tier, class, value, margin
	 * and net profit), for other modules' set-based reports.
	 */
	public StandingSql latestStandingSql() {
		return StandingSql.of(this.runs.latestRunId().map(this.runs::summary).orElse(null));
	}

}
