package io.dakehu.opportunity.web;

import io.dakehu.identity.Users;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCriteria;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Stage;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Opportunities over the API, limited to the caller's record scope.
 */
@RestController
class OpportunityApi {

	private final Opportunities opportunities;

	private final Users users;

	OpportunityApi(Opportunities opportunities, Users users) {
		this.opportunities = opportunities;
		this.users = users;
	}

	@GetMapping("/api/v1/opportunities")
	PageResult<OpportunityView> list(@RequestParam(required = false) Long accountId,
			@RequestParam(required = false) Stage stage, @RequestParam(required = false) Long ownerId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.opportunities.search(this.users.current().scope(),
				new OpportunityCriteria(accountId, stage, ownerId), new PageRequest(page, size));
	}

}
