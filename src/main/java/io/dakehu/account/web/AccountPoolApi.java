package io.dakehu.account.web;

import io.dakehu.account.AccountPool;
import io.dakehu.identity.Users;

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

	AccountPoolApi(AccountPool pool, Users users) {
		this.pool = pool;
		this.users = users;
	}

	@PostMapping("/api/v1/accounts/{id}/return-to-pool")
	AccountJson returnToPool(@PathVariable long id, @RequestBody ReturnRequest request) {
		return AccountJson.of(this.pool.returnToPool(this.users.current(), id, request.reason(), request.version()));
	}

	@PostMapping("/api/v1/accounts/{id}/claim")
	AccountJson claim(@PathVariable long id, @RequestBody(required = false) ClaimRequest request) {
		return AccountJson.of(this.pool.claim(this.users.current(), id, (request != null) ? request.version() : null));
	}

	@PostMapping("/api/v1/accounts/{id}/assign")
	AccountJson assign(@PathVariable long id, @RequestBody AssignRequest request) {
		return AccountJson.of(this.pool.assign(this.users.current(), id, request.owner(), request.version()));
	}

	record ReturnRequest(String reason, Integer version) {
	}

	record ClaimRequest(Integer version) {
	}

	record AssignRequest(String owner, Integer version) {
	}

}
