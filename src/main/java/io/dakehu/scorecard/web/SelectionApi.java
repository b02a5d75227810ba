package io.dakehu.scorecard.web;

import java.net.URI;
import java.util.List;

import io.dakehu.account.KeyAccounts;
import io.dakehu.identity.Users;
import io.dakehu.scorecard.SelectionAcceptance;
import io.dakehu.scorecard.SelectionFunnel;
import io.dakehu.scorecard.SelectionRequest;
import io.dakehu.scorecard.SelectionView;
import io.dakehu.scorecard.Selections;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer selection over the API (DOMAIN.md §6), limited to the caller's record scope;
 * an administrator sets each user's maximum of key accounts here.
 */
@RestController
class SelectionApi {

	private final Selections selections;

	private final KeyAccounts keyAccounts;

	private final Users users;

	SelectionApi(Selections selections, KeyAccounts keyAccounts, Users users) {
		this.selections = selections;
		this.keyAccounts = keyAccounts;
		this.users = users;
	}

	@PostMapping("/api/v1/accounts/{accountId}/selection-evaluations")
	ResponseEntity<SelectionView> evaluate(@PathVariable long accountId, @RequestBody SelectionRequest request) {
		SelectionView created = this.selections.evaluate(this.users.current(), accountId, request);
		return ResponseEntity.created(URI.create("/api/v1/selection-evaluations/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/accounts/{accountId}/selection-evaluations")
	List<SelectionView> history(@PathVariable long accountId) {
		return this.selections.history(this.users.current().scope(), accountId);
	}

	@GetMapping("/api/v1/selection-evaluations/{id}")
	SelectionView get(@PathVariable long id) {
		return this.selections.get(this.users.current().scope(), id);
	}

	@PostMapping("/api/v1/selection-evaluations/{id}/accept")
	SelectionView accept(@PathVariable long id, @RequestBody SelectionAcceptance acceptance) {
		return this.selections.accept(this.users.current(), id, acceptance);
	}

	@GetMapping("/api/v1/selection-funnel")
	SelectionFunnel funnel() {
		return this.selections.funnel(this.users.current().scope());
	}

	@PutMapping("/api/v1/key-account-limits/{username}")
	KeyAccountLimit limit(@PathVariable String username, @RequestBody KeyAccountLimit request) {
		this.keyAccounts.setMaximum(this.users.current(), username, request.maximum());
		return request;
	}

	/** A user's maximum of key accounts, as an administrator sets it. */
	record KeyAccountLimit(Integer maximum) {
	}

}
