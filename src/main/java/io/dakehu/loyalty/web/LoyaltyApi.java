package io.dakehu.loyalty.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import io.dakehu.account.AccountQueries;
import io.dakehu.approval.ApprovalView;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.loyalty.LoyaltyActionInput;
import io.dakehu.loyalty.LoyaltyActionView;
import io.dakehu.loyalty.LoyaltyActions;
import io.dakehu.loyalty.LoyaltyBudget;
import io.dakehu.loyalty.LoyaltyEffect;
import io.dakehu.loyalty.LoyaltyFilter;
import io.dakehu.loyalty.LoyaltyStateException;
import io.dakehu.loyalty.LoyaltyStatus;
import io.dakehu.loyalty.LoyaltyType;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Valid;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loyalty actions over the API: the catalogue, the actions of the reader's scope,
 * planning and revising one (a stale version answers 409), carrying it out and evaluating
 * it (a step its status does not allow answers 409), its approvals, and the budget and
 * spend per tier and owner for a year. Another user's account reads as missing.
 */
@RestController
class LoyaltyApi {

	private final LoyaltyActions actions;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	private final Clock clock;

	LoyaltyApi(LoyaltyActions actions, AccountQueries accounts, Users users, Labels labels, Clock clock) {
		this.actions = actions;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.clock = clock;
	}

	/** The catalogue: each type's code and name, and whether it always needs approval. */
	@GetMapping("/api/v1/loyalty-actions/types")
	List<TypeJson> types() {
		return Arrays.stream(LoyaltyType.values())
			.map((type) -> new TypeJson(type.name(), this.labels.get("loyalty.type." + type.name()),
					this.labels.get("loyalty.type." + type.name() + ".help"), type.alwaysApproved()))
			.toList();
	}

	@GetMapping("/api/v1/loyalty-actions")
	List<LoyaltyActionView> list(@RequestParam(required = false) Long accountId,
			@RequestParam(required = false) String owner, @RequestParam(required = false) LoyaltyStatus status,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		CurrentUser me = this.users.current();
		Long ownerId = (owner != null && !owner.isBlank()) ? this.users.requireActive(owner.strip(), "owner").id()
				: null;
		return this.actions.list(me.scope(), new LoyaltyFilter(null, accountId, ownerId, status, from, to),
				LoyaltyActions.MAX_ROWS_SHOWN);
	}

	@GetMapping("/api/v1/accounts/{accountId}/loyalty-actions")
	List<LoyaltyActionView> ofAccount(@PathVariable long accountId) {
		CurrentUser me = this.users.current();
		this.accounts.requireVisible(me.scope(), accountId);
		return this.actions.list(me.scope(), LoyaltyFilter.ofAccount(accountId), LoyaltyActions.MAX_ROWS_SHOWN);
	}

	@PostMapping("/api/v1/loyalty-actions")
	ResponseEntity<LoyaltyActionView> plan(@Valid @RequestBody LoyaltyActionInput input) {
		LoyaltyActionView action = this.actions.plan(this.users.current(), input);
		return ResponseEntity.created(URI.create("/api/v1/loyalty-actions/" + action.id())).body(action);
	}

	@GetMapping("/api/v1/loyalty-actions/{id}")
	LoyaltyActionView get(@PathVariable long id) {
		return this.actions.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/loyalty-actions/{id}")
	LoyaltyActionView update(@PathVariable long id, @Valid @RequestBody LoyaltyActionInput input) {
		return this.actions.update(this.users.current(), id, input);
	}

	@PostMapping("/api/v1/loyalty-actions/{id}/done")
	LoyaltyActionView done(@PathVariable long id, @RequestBody Done body) {
		return this.actions.done(this.users.current(), id, body.version(), body.spend(), body.doneOn());
	}

	@PostMapping("/api/v1/loyalty-actions/{id}/evaluate")
	LoyaltyActionView evaluate(@PathVariable long id, @RequestBody Evaluation body) {
		return this.actions.evaluate(this.users.current(), id, body.version(), body.outcome(), body.effect());
	}

	/** The approvals asked for the action, newest first. */
	@GetMapping("/api/v1/loyalty-actions/{id}/approvals")
	List<ApprovalView> approvals(@PathVariable long id) {
		return this.actions.approvals(this.users.current().scope(), id);
	}

	/** Budget and spend per tier and owner for a year, this year unless given. */
	@GetMapping("/api/v1/loyalty-actions/budget")
	LoyaltyBudget budget(@RequestParam(required = false) Integer year) {
		int shown = (year != null) ? year : LocalDate.now(this.clock).getYear();
		return this.actions.budget(this.users.current().scope(), shown);
	}

	@ExceptionHandler(LoyaltyStateException.class)
	ProblemDetail wrongState(LoyaltyStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.labels.get(ex.messageKey(), this.labels.get("loyalty.status." + ex.status().name())));
		problem.setTitle(this.labels.get("loyalty.state.title"));
		problem.setProperty("loyaltyStatus", ex.status().name());
		return problem;
	}

	record TypeJson(String code, String name, String help, boolean alwaysApproved) {
	}

	record Done(Integer version, BigDecimal spend, LocalDate doneOn) {
	}

	record Evaluation(Integer version, String outcome, LoyaltyEffect effect) {
	}

}
