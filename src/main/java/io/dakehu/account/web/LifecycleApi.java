package io.dakehu.account.web;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountLifecycle;
import io.dakehu.account.AccountService;
import io.dakehu.account.ChurnReason;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lifecycle over the API: marking a customer lost with its churn reason (the only way
 * into LOST), and the nightly check on demand.
 */
@RestController
class LifecycleApi {

	private final AccountService accounts;

	private final AccountLifecycle lifecycle;

	private final Users users;

	/** The credit grade, when the module that rates credit is present. */
	private final AccountGrades grades;

	LifecycleApi(AccountService accounts, AccountLifecycle lifecycle, Users users,
			ObjectProvider<AccountGrades> grades) {
		this.accounts = accounts;
		this.lifecycle = lifecycle;
		this.users = users;
		this.grades = grades.getIfAvailable();
	}

	@PostMapping("/api/v1/accounts/{id}/lost")
	AccountJson markLost(@PathVariable long id, @RequestBody LostRequest request) {
		if (request.version() == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		AccountDetails lost = this.accounts.markLost(this.users.current(), id, request.version(),
				request.churnReason());
		return AccountJson.of(lost, this.grades);
	}

	/** Directors and administrators only; answers how many accounts moved. */
	@PostMapping("/api/v1/accounts/lifecycle/refresh")
	RefreshResult refresh() {
		LifecyclePages.requireManagement(this.users.current());
		return new RefreshResult(this.lifecycle.refresh());
	}

	record LostRequest(ChurnReason churnReason, Integer version) {
	}

	record RefreshResult(int moved) {
	}

}
