package io.dakehu.segmentation.web;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.AbcClass;
import io.dakehu.segmentation.BzDecisionInput;
import io.dakehu.segmentation.RunRequest;
import io.dakehu.segmentation.RunSummary;
import io.dakehu.segmentation.SegmentationRuns;
import io.dakehu.segmentation.Snapshots;
import io.dakehu.segmentation.TierMigration;
import io.dakehu.segmentation.Standings;
import io.dakehu.segmentation.SettingsStore;
import io.dakehu.segmentation.SegmentationSettings;
import io.dakehu.segmentation.SnapshotRow;
import io.dakehu.segmentation.Tier;
import io.dakehu.segmentation.ValueGrowth;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Segmentation over the API: start a run, read its figures and its accounts (within the
 * caller's record scope), pin strategic accounts, and the thresholds.
 */
@RestController
class SegmentationApi {

	private final SegmentationRuns runs;

	private final Snapshots snapshots;

	private final TierMigration migration;

	private final Standings standings;

	private final SettingsStore settings;

	private final Users users;

	SegmentationApi(SegmentationRuns runs, Snapshots snapshots, TierMigration migration, Standings standings,
			SettingsStore settings, Users users) {
		this.runs = runs;
		this.snapshots = snapshots;
		this.migration = migration;
		this.standings = standings;
		this.settings = settings;
		this.users = users;
	}

	@PostMapping("/api/v1/segmentation/runs")
	ResponseEntity<RunSummary> run(@RequestBody(required = false) RunRequest request) {
		RunSummary run = this.runs.run(this.users.current(),
				(request != null) ? request : new RunRequest(null, null, null));
		return ResponseEntity.created(URI.create("/api/v1/segmentation/runs/" + run.id())).body(run);
	}

	/**
	 * Company-wide runs, newest first, with their figures among the caller's accounts.
	 */
	@GetMapping("/api/v1/segmentation/runs")
	List<RunSummary> runs(@RequestParam(defaultValue = "20") int limit) {
		return this.snapshots.scopedRuns(this.users.current().scope(), Math.max(1, Math.min(limit, 200)));
	}

	/** The run's figures among the caller's accounts (everything for a director). */
	@GetMapping("/api/v1/segmentation/runs/{id}")
	RunSummary run(@PathVariable long id) {
		return this.snapshots.scopedSummary(this.users.current().scope(), id);
	}

	@GetMapping("/api/v1/segmentation/runs/{id}/accounts")
	PageResult<SnapshotRow> accounts(@PathVariable long id, @RequestParam(required = false) Tier tier,
			@RequestParam(required = false) AbcClass abc, @RequestParam(required = false) ValueGrowth valueGrowth,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.snapshots.accounts(this.users.current().scope(), id, tier, abc, valueGrowth,
				new PageRequest(page, size));
	}

	@GetMapping("/api/v1/segmentation/runs/{id}/cost-drivers")
	List<SnapshotRow> costDrivers(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
		return this.snapshots.costDrivers(this.users.current().scope(), id, Math.max(1, Math.min(limit, 200)));
	}

	@GetMapping("/api/v1/segmentation/migration")
	List<TierMigration.Movement> migration(@RequestParam long from, @RequestParam long to) {
		return this.migration.migration(this.users.current().scope(), from, to);
	}

	@GetMapping("/api/v1/accounts/{id}/standing")
	io.dakehu.segmentation.AccountStanding standing(@PathVariable long id) {
		return this.standings.standing(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/accounts/{id}/strategic-pin")
	ResponseEntity<Void> pin(@PathVariable long id, @RequestBody PinRequest request) {
		this.standings.pin(this.users.current(), id, request.reason());
		return ResponseEntity.noContent().build();
	}

	/** Develop or let go a customer that is BZ in the latest company-wide run. */
	@PutMapping("/api/v1/accounts/{id}/bz-decision")
	ResponseEntity<Void> decideBz(@PathVariable long id, @RequestBody BzDecisionInput request) {
		this.standings.decideBz(this.users.current(), id, request);
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/api/v1/accounts/{id}/strategic-pin")
	ResponseEntity<Void> unpin(@PathVariable long id) {
		this.standings.unpin(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/api/v1/accounts/{id}/wallet")
	ResponseEntity<Void> wallet(@PathVariable long id, @RequestBody WalletRequest request) {
		this.standings.recordWallet(this.users.current(), id, request.annualSpend());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/segmentation/settings")
	SegmentationSettings settings() {
		this.users.current();
		return this.settings.settings();
	}

	@PutMapping("/api/v1/segmentation/settings")
	SegmentationSettings updateSettings(@Valid @RequestBody SegmentationSettings settings) {
		CurrentUser me = this.users.current();
		return this.settings.updateSettings(me, settings);
	}

	record PinRequest(String reason) {
	}

	record WalletRequest(BigDecimal annualSpend) {
	}

}
