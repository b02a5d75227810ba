package io.dakehu.account.web;

import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountPool;
import io.dakehu.identity.Users;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public pool's moves over the API (decision 0032): return with a reason, claim,
 * assign. Each answers the account as it is now; the version is optional, and checked
 * when given.
 */
@RestController
class AccountPoolApi {

	private final AccountPool pool;

	private final Users users;

	private final AccountGrades grades;

	AccountPoolApi(AccountPool pool, Users users, ObjectProvider<AccountGrades> grades) {
		this.pool = pool;
		this.users = users;
		this.grades = grades.getIfAvailable();
	}

	@PostMapping("/api/v1/accounts/{id}/return-to-pool")
	AccountJson returnToPool(@PathVariable long id, @RequestBody ReturnRequest request) {
		return AccountJson.of(this.pool.returnToPool(this.users.current(), id, request.reason(), request.version()),
				this.grades);
	}

	@PostMapping("/api/v1/accounts/{id}/claim")
	AccountJson claim(@PathVariable long id, @RequestBody(required = false) ClaimRequest request) {
		return AccountJson.of(this.pool.claim(this.users.current(), id, (request != null) ? request.version() : null),
				this.grades);
	}

	@PostMapping("/api/v1/accounts/{id}/assign")
	AccountJson assign(@PathVariable long id, @RequestBody AssignRequest request) {
		return AccountJson.of(this.pool.assign(this.users.current(), id, request.owner(), request.version()),
				this.grades);
	}

	record ReturnRequest(String reason, Integer version) {
	}

	record ClaimRequest(Integer version) {
	}

	record AssignRequest(String owner, Integer version) {
	}

}
