package io.dakehu.scorecard.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.scorecard.Acceptance;
import io.dakehu.scorecard.AccountCredit;
import io.dakehu.scorecard.CreditRatingView;
import io.dakehu.scorecard.CreditLists;
import io.dakehu.scorecard.CreditRatings;
import io.dakehu.scorecard.DueRating;
import io.dakehu.scorecard.ScorecardKind;
import io.dakehu.scorecard.Scorecards;
import io.dakehu.scorecard.RatingRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credit ratings over the API (DOMAIN.md §5), limited to the caller's record scope.
 */
@RestController
class CreditRatingApi {

	/** The due list's rows a page unless the caller asks for more. */
	private static final int DUE_PAGE = 50;

	private final CreditRatings ratings;

	private final CreditLists lists;

	private final Scorecards scorecards;

	private final Users users;

	CreditRatingApi(CreditRatings ratings, CreditLists lists, Scorecards scorecards, Users users) {
		this.ratings = ratings;
		this.lists = lists;
		this.scorecards = scorecards;
		this.users = users;
	}

	@PostMapping("/api/v1/accounts/{accountId}/credit-ratings")
	ResponseEntity<CreditRatingView> rate(@PathVariable long accountId, @RequestBody RatingRequest request) {
		CreditRatingView created = this.ratings.rate(this.users.current(), accountId, request);
		return ResponseEntity.created(URI.create("/api/v1/credit-ratings/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/accounts/{accountId}/credit-ratings")
	List<CreditRatingView> history(@PathVariable long accountId) {
		return this.ratings.history(this.users.current().scope(), accountId);
	}

	@GetMapping("/api/v1/accounts/{accountId}/credit")
	AccountCredit credit(@PathVariable long accountId) {
		return this.ratings.credit(this.users.current().scope(), accountId);
	}

	@GetMapping("/api/v1/credit-ratings/{id}")
	CreditRatingView get(@PathVariable long id) {
		return this.ratings.get(this.users.current().scope(), id);
	}

	@PostMapping("/api/v1/credit-ratings/{id}/accept")
	CreditRatingView accept(@PathVariable long id, @RequestBody Acceptance acceptance) {
		return this.ratings.accept(this.users.current(), id, acceptance);
	}

	/**
	 * The tier × grade heat map of the accounts in scope: rated accounts counted by the
	 * tier of the latest segmentation run (NONE when unranked) and their latest grade.
	 */
	@GetMapping("/api/v1/credit-ratings/heatmap")
	HeatMap heatmap() {
		Map<String, Map<String, Long>> counts = this.lists.tierByGrade(this.users.current().scope());
		long total = counts.values().stream().flatMap((g) -> g.values().stream()).mapToLong(Long::longValue).sum();
		List<String> grades = this.scorecards.gradeCodes(ScorecardKind.CREDIT);
		return new HeatMap(List.of("VIP", "MAJOR", "ORDINARY", "SMALL", "NONE"), grades, counts, total);
	}

	/**
	 * Counts by tier code, then grade code; a tier or grade without accounts is absent.
	 */
	record HeatMap(List<String> tiers, List<String> grades, Map<String, Map<String, Long>> counts, long total) {
	}

	/**
	 * A page of the accounts due a rating this quarter, key accounts first, of the first
	 * {@link CreditLists#MOST_DUE}, and how many are due in all.
	 * @param owner only this user's accounts; every account in scope when absent
	 * @param size rows a page, {@value #DUE_PAGE} unless asked for, at most
	 * {@link CreditLists#MOST_DUE}
	 */
	@GetMapping("/api/v1/credit-ratings/due")
	DuePage due(@RequestParam(required = false) String owner, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + DUE_PAGE) int size) {
		CurrentUser me = this.users.current();
		Set<Long> owners = (owner == null || owner.isBlank()) ? null
				: Set.of(this.users.requireActive(owner.strip(), "owner").id());
		int rows = Math.max(1, Math.min(size, CreditLists.MOST_DUE));
		// A page past the first MOST_DUE rows is empty (and never overflows).
		int from = (int) Math.min((long) Math.max(0, page) * rows, CreditLists.MOST_DUE);
		CreditLists.DueList due = this.lists.due(me.scope(), owners, Math.min(CreditLists.MOST_DUE, from + rows));
		List<DueRating> listed = due.accounts();
		return new DuePage(due.quarter(), listed.subList(Math.min(from, listed.size()), listed.size()),
				Math.max(0, page), rows, due.total());
	}

	/**
	 * @param total how many accounts in scope are due in all
	 */
	record DuePage(String quarter, List<DueRating> accounts, int page, int size, long total) {
	}

}
