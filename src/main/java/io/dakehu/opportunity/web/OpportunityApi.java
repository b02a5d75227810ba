package io.dakehu.opportunity.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Board;
import io.dakehu.opportunity.Comparison;
import io.dakehu.opportunity.ComparisonInput;
import io.dakehu.opportunity.ForecastReport;
import io.dakehu.opportunity.Forecasts;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityInput;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.opportunity.StageVisit;
import io.dakehu.opportunity.Comparisons;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opportunities over the API, limited to the caller's record scope: the list, opening and
 * editing, moving along the buying steps, winning and losing, the stage history, the
 * competitor comparison, the board and the forecast.
 */
@RestController
class OpportunityApi {

	private final Opportunities opportunities;

	private final Pipeline pipeline;

	private final Comparisons comparisons;

	private final Forecasts forecasts;

	private final Users users;

	OpportunityApi(Opportunities opportunities, Pipeline pipeline, Comparisons comparisons, Forecasts forecasts,
			Users users) {
		this.opportunities = opportunities;
		this.pipeline = pipeline;
		this.comparisons = comparisons;
		this.forecasts = forecasts;
		this.users = users;
	}

	/**
	 * The visible opportunities, a page at a time, with their total: {@code sort} as the
	 * list page sorts ({@code -amount} descending), {@code q} part of the name or the
	 * account's name, {@code owner} a username, the close dates {@code from} and
	 * {@code to} inclusive (the close date, or the expected one while open; also taken as
	 * {@code closeFrom} and {@code closeTo}); {@code customFields.<key>=value} filters by
	 * a custom field (see {@link io.dakehu.customfield.CustomFields#filter}).
	 */
	@GetMapping("/api/v1/opportunities")
	PageResult<OpportunityView> list(@RequestParam(required = false) Long accountId,
			@RequestParam(required = false) Stage stage, @RequestParam(required = false) Long ownerId,
			@RequestParam(required = false) String owner, @RequestParam(required = false) String q,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, @RequestParam(required = false) LocalDate closeFrom,
			@RequestParam(required = false) LocalDate closeTo, @RequestParam(required = false) String sort,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
			@RequestParam Map<String, String> query) {
		CurrentUser me = this.users.current();
		PageRequest request = new PageRequest(page, size);
		Long ownerFilter = ownerId;
		if (owner != null && !owner.isBlank()) {
			Optional<UserSummary> named = this.users.findByUsername(owner.strip());
			if (named.isEmpty() || (ownerId != null && ownerId != named.get().id())) {
				return new PageResult<>(List.of(), request.page(), request.size(), 0);
			}
			ownerFilter = named.get().id();
		}
		PipelineFilter filter = new PipelineFilter(ownerFilter, null, null, purchaseType,
				PipelineParams.periodStart(from, closeFrom), PipelineParams.periodEnd(to, closeTo), stage, q, accountId,
				PipelineParams.customFilters(query));
		return this.pipeline.list(me, filter, false, OpportunitySort.parse(sort), request).page();
	}

	@GetMapping("/api/v1/opportunities/{id}")
	OpportunityView get(@PathVariable long id) {
		return this.opportunities.get(this.users.current().scope(), id);
	}

	@PostMapping("/api/v1/opportunities")
	ResponseEntity<OpportunityView> open(@RequestBody OpportunityInput input) {
		OpportunityView created = this.pipeline.open(this.users.current(), input);
		return ResponseEntity.created(URI.create("/api/v1/opportunities/" + created.id())).body(created);
	}

	@PutMapping("/api/v1/opportunities/{id}")
	OpportunityView edit(@PathVariable long id, @RequestBody EditRequest request) {
		return this.pipeline.edit(this.users.current(), id, request.version(),
				new OpportunityInput(null, request.name(), request.amount(), request.owner(),
						request.expectedCloseDate(), request.purchaseType(), null, request.productIds(),
						request.nextStep(), request.customFields()));
	}

	@PostMapping("/api/v1/opportunities/{id}/stage")
	OpportunityView move(@PathVariable long id, @RequestBody StageRequest request) {
		return this.pipeline.moveTo(this.users.current(), id, request.stage(), request.version());
	}

	@PostMapping("/api/v1/opportunities/{id}/win")
	OpportunityView win(@PathVariable long id, @RequestBody(required = false) WinRequest request) {
		WinRequest win = (request != null) ? request : new WinRequest(null, null, null);
		return this.pipeline.win(this.users.current(), id, win.amount(), win.closeDate(), win.version());
	}

	@PostMapping("/api/v1/opportunities/{id}/lose")
	OpportunityView lose(@PathVariable long id, @RequestBody(required = false) LoseRequest request) {
		LoseRequest lose = (request != null) ? request : new LoseRequest(null, null, null, null);
		return this.pipeline.lose(this.users.current(), id, lose.reason(), lose.competitor(), lose.closeDate(),
				lose.version());
	}

	@GetMapping("/api/v1/opportunities/{id}/history")
	List<StageVisit> history(@PathVariable long id) {
		return this.pipeline.history(this.users.current(), id);
	}

	@GetMapping("/api/v1/opportunities/{id}/comparison")
	Comparison comparison(@PathVariable long id) {
		return this.comparisons.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/opportunities/{id}/comparison")
	Comparison compare(@PathVariable long id, @RequestBody ComparisonInput input) {
		return this.comparisons.save(this.users.current(), id, input);
	}

	/**
	 * The board: each buying step's totals under the filter and its first cards (longest
	 * in the stage first); {@code /api/v1/pipeline/board/{stage}} pages through one step.
	 */
	@GetMapping("/api/v1/pipeline/board")
	Board board(@RequestParam(required = false) Long ownerId, @RequestParam(required = false) Long teamId,
			@RequestParam(required = false) Tier tier, @RequestParam(required = false) PurchaseType purchaseType,
			@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) String q, @RequestParam(defaultValue = "20") int size) {
		return this.pipeline.board(this.users.current(),
				new PipelineFilter(ownerId, teamId, tier, purchaseType, from, to, null, q, null),
				new PageRequest(0, size).size());
	}

	@GetMapping("/api/v1/pipeline/board/{stage}")
	Board.Column column(@PathVariable Stage stage, @RequestParam(required = false) Long ownerId,
			@RequestParam(required = false) Long teamId, @RequestParam(required = false) Tier tier,
			@RequestParam(required = false) PurchaseType purchaseType, @RequestParam(required = false) LocalDate from,
			@RequestParam(required = false) LocalDate to, @RequestParam(required = false) String q,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.pipeline.column(this.users.current(),
				new PipelineFilter(ownerId, teamId, tier, purchaseType, from, to, null, q, null), stage,
				new PageRequest(page, size));
	}

	@GetMapping("/api/v1/forecast")
	ForecastReport forecast(@RequestParam LocalDate from, @RequestParam LocalDate to,
			@RequestParam(required = false) Long teamId, @RequestParam(required = false) Long ownerId) {
		return this.forecasts.forecast(this.users.current().scope(), from, to, teamId, ownerId);
	}

	@GetMapping("/api/v1/stage-probabilities")
	Map<Stage, Integer> probabilities() {
		return this.pipeline.probabilities();
	}

	@PutMapping("/api/v1/stage-probabilities")
	Map<Stage, Integer> updateProbabilities(@RequestBody Map<Stage, Integer> probabilities) {
		return this.pipeline.updateProbabilities(this.users.current(), probabilities);
	}

	/**
	 * An edit; {@code customFields} absent leaves them all, a key absent keeps its value,
	 * an empty value removes it.
	 */
	record EditRequest(String name, BigDecimal amount, String owner, LocalDate expectedCloseDate,
			PurchaseType purchaseType, List<Long> productIds, String nextStep, Integer version,
			Map<String, Object> customFields) {
	}

	record StageRequest(Stage stage, Integer version) {
	}

	record WinRequest(BigDecimal amount, LocalDate closeDate, Integer version) {
	}

	record LoseRequest(String reason, String competitor, LocalDate closeDate, Integer version) {
	}

}
