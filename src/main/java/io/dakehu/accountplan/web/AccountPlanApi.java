package io.dakehu.accountplan.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.accountplan.AccountPlans;
import io.dakehu.accountplan.GoalsVsActuals;
import io.dakehu.accountplan.PlanInput;
import io.dakehu.accountplan.PlanView;
import io.dakehu.accountplan.ReviewInput;
import io.dakehu.accountplan.Whitespace;
import io.dakehu.accountplan.WhitespaceMatrix;
import io.dakehu.identity.Users;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Key account plans and the whitespace matrix over the API. The plan's version guards
 * every change (a stale one answers 409); an account the reader may not work on reads as
 * missing.
 */
@RestController
class AccountPlanApi {

	private final AccountPlans plans;

	private final Whitespace whitespace;

	private final Users users;

	AccountPlanApi(AccountPlans plans, Whitespace whitespace, Users users) {
		this.plans = plans;
		this.whitespace = whitespace;
		this.users = users;
	}

	@GetMapping("/api/v1/accounts/{id}/plans")
	List<PlanView> list(@PathVariable long id) {
		return this.plans.list(this.users.current().scope(), id);
	}

	@PostMapping("/api/v1/accounts/{id}/plans")
	ResponseEntity<PlanView> create(@PathVariable long id, @Valid @RequestBody PlanInput input) {
		PlanView plan = this.plans.create(this.users.current(), id, input);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + id + "/plans/" + plan.year())).body(plan);
	}

	@GetMapping("/api/v1/accounts/{id}/plans/{year}")
	PlanView get(@PathVariable long id, @PathVariable int year) {
		return this.plans.get(this.users.current().scope(), id, year);
	}

	@PutMapping("/api/v1/accounts/{id}/plans/{year}")
	PlanView update(@PathVariable long id, @PathVariable int year, @Valid @RequestBody PlanInput input) {
		return this.plans.update(this.users.current(), id, year, input);
	}

	/** One more action, against the plan's version. */
	@PostMapping("/api/v1/accounts/{id}/plans/{year}/actions")
	PlanView addAction(@PathVariable long id, @PathVariable int year, @Valid @RequestBody NewAction body) {
		return this.plans.addAction(this.users.current(), id, year, body.version(), new PlanInput.Action(body.what(),
				body.owner(), body.dueDate(), body.status(), body.linkKind(), body.linkId()));
	}

	/** An action moves to another status, named by its index in the plan. */
	@PostMapping("/api/v1/accounts/{id}/plans/{year}/actions/{index}/status")
	PlanView moveAction(@PathVariable long id, @PathVariable int year, @PathVariable int index,
			@RequestBody StatusChange body) {
		return this.plans.moveAction(this.users.current(), id, year, index, body.version(), body.status());
	}

	@PostMapping("/api/v1/accounts/{id}/plans/{year}/reviews")
	PlanView review(@PathVariable long id, @PathVariable int year, @Valid @RequestBody ReviewInput input) {
		return this.plans.review(this.users.current(), id, year, input);
	}

	/** The current year's plan against what happened so far; 404 when there is none. */
	@GetMapping("/api/v1/accounts/{id}/plan-goals")
	ResponseEntity<GoalsVsActuals> goals(@PathVariable long id) {
		return ResponseEntity.of(this.plans.goalsVsActuals(this.users.current().scope(), id));
	}

	@GetMapping("/api/v1/accounts/{id}/whitespace")
	WhitespaceMatrix whitespace(@PathVariable long id) {
		return this.whitespace.of(this.users.current().scope(), id);
	}

	record NewAction(@NotBlank @Size(max = 500) String what, String owner, @NotNull LocalDate dueDate, String status,
			String linkKind, Long linkId, Integer version) {
	}

	record StatusChange(String status, Integer version) {
	}

}
