package io.dakehu.account.web;

import java.net.URI;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountSegments;
import io.dakehu.account.AccountService;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import jakarta.validation.Valid;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over the API. Lists and reads see only the caller's record scope; an account
 * outside it answers 404.
 */
@RestController
@RequestMapping("/api/v1/accounts")
class AccountApi {

	private final AccountQueries queries;

	private final AccountService accounts;

	private final Users users;

	/** The customer tier filter, when the module that computes tiers is present. */
	private final AccountSegments segments;

	AccountApi(AccountQueries queries, AccountService accounts, Users users, ObjectProvider<AccountSegments> segments) {
		this.queries = queries;
		this.accounts = accounts;
		this.users = users;
		this.segments = segments.getIfAvailable();
	}

	@GetMapping
	PageResult<AccountJson.Row> list(AccountListParams params) {
		return this.queries
			.search(this.users.current().scope(), params.criteria(), params.pageRequest(),
					params.segment(this.segments))
			.map(AccountJson.Row::of);
	}

	@PostMapping
	ResponseEntity<AccountJson> create(@Valid @RequestBody AccountInput input) {
		AccountDetails created = this.accounts.open(this.users.current(), input);
		return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.id())).body(AccountJson.of(created));
	}

	@GetMapping("/{id}")
	AccountJson get(@PathVariable long id) {
		return AccountJson.of(this.queries.details(this.users.current().scope(), id));
	}

	@PutMapping("/{id}")
	AccountJson update(@PathVariable long id, @Valid @RequestBody AccountInput input) {
		CurrentUser editor = this.users.current();
		this.queries.requireVisible(editor.scope(), id);
		if (input.version() == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		return AccountJson.of(this.accounts.update(editor, id, input.version(), input));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> archive(@PathVariable long id) {
		this.accounts.archive(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

}
