package io.dakehu.pool.web;

import java.util.List;

import io.dakehu.account.AccountPool;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.pool.PoolAccount;
import io.dakehu.pool.PoolCriteria;
import io.dakehu.pool.PoolList;
import io.dakehu.pool.PoolRule;
import io.dakehu.pool.PoolRules;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public pool over the API: its accounts for everyone, its rules and the users'
 * maximum of owned accounts for administrators. The moves on an account are under
 * {@code /api/v1/accounts/{id}}.
 */
@RestController
class PoolApi {

	private final PoolList list;

	private final PoolRules rules;

	private final AccountPool pool;

	private final Users users;

	PoolApi(PoolList list, PoolRules rules, AccountPool pool, Users users) {
		this.list = list;
		this.rules = rules;
		this.pool = pool;
		this.users = users;
	}

	@GetMapping("/api/v1/pool")
	PageResult<PoolAccount> pool(@RequestParam(required = false) String q, @RequestParam(required = false) String tier,
			@RequestParam(required = false) String industry, @RequestParam(required = false) String region,
			@RequestParam(required = false) String reason, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		this.users.current();
		return this.list.search(new PoolCriteria(q, tier, industry, region, reason), new PageRequest(page, size));
	}

	@GetMapping("/api/v1/pool/rules")
	List<PoolRule> rules() {
		requireAdmin(this.users.current());
		return this.rules.all();
	}

	@PutMapping("/api/v1/pool/rules/{tier}")
	PoolRule rule(@PathVariable String tier, @RequestBody RuleRequest request) {
		return this.rules.update(this.users.current(), tier, request.followUpDays(), request.dealDays(),
				request.version());
	}

	@PutMapping("/api/v1/pool/limits/{username}")
	Limit limit(@PathVariable String username, @RequestBody Limit request) {
		this.pool.setMaximum(this.users.current(), username, request.maximum());
		return request;
	}

	static void requireAdmin(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new AccessDeniedException("administrators only");
		}
	}

	record RuleRequest(Integer followUpDays, Integer dealDays, Integer version) {
	}

	record Limit(int maximum) {
	}

}
