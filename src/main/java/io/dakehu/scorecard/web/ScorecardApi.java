package io.dakehu.scorecard.web;

import java.net.URI;
import java.util.List;

import io.dakehu.identity.Users;
import io.dakehu.scorecard.GradeBand;
import io.dakehu.scorecard.Indicator;
import io.dakehu.scorecard.ScorecardDraft;
import io.dakehu.scorecard.ScorecardKind;
import io.dakehu.scorecard.ScorecardSummary;
import io.dakehu.scorecard.ScorecardVersion;
import io.dakehu.scorecard.Scorecards;
import io.dakehu.scorecard.VersionSummary;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scorecards and their versions: anyone signed in reads them, only an administrator
 * creates a card or writes a new version.
 */
@RestController
class ScorecardApi {

	private final Scorecards scorecards;

	private final Users users;

	ScorecardApi(Scorecards scorecards, Users users) {
		this.scorecards = scorecards;
		this.users = users;
	}

	@GetMapping("/api/v1/scorecards")
	List<ScorecardSummary> all() {
		return this.scorecards.all();
	}

	@PostMapping("/api/v1/scorecards")
	ResponseEntity<ScorecardVersion> create(@RequestBody ScorecardDraft draft) {
		ScorecardVersion created = this.scorecards.create(this.users.current(), draft);
		return ResponseEntity
			.created(URI.create("/api/v1/scorecards/" + created.scorecardId() + "/versions/" + created.versionNo()))
			.body(created);
	}

	@GetMapping("/api/v1/scorecards/{id}")
	ScorecardSummary get(@PathVariable long id) {
		return this.scorecards.get(id);
	}

	@GetMapping("/api/v1/scorecards/{id}/versions")
	List<VersionSummary> versions(@PathVariable long id) {
		return this.scorecards.versions(id);
	}

	@GetMapping("/api/v1/scorecards/{id}/versions/{versionNo}")
	ScorecardVersion version(@PathVariable long id, @PathVariable int versionNo) {
		return this.scorecards.version(id, versionNo);
	}

	/** The next version of a card; {@code version} is the card's edit counter as read. */
	@PostMapping("/api/v1/scorecards/{id}/versions")
	ResponseEntity<ScorecardVersion> revise(@PathVariable long id, @RequestBody VersionRequest request) {
		ScorecardVersion created = this.scorecards.revise(this.users.current(), id, request.version(),
				new ScorecardDraft(null, request.nameZh(), request.nameEn(), request.indicators(), request.grades()));
		return ResponseEntity.created(URI.create("/api/v1/scorecards/" + id + "/versions/" + created.versionNo()))
			.body(created);
	}

	record VersionRequest(Integer version, String nameZh, String nameEn, List<Indicator> indicators,
			List<GradeBand> grades) {
	}

}
