package io.dakehu.accountplan;

import java.util.Optional;

import io.dakehu.identity.RecordScope;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.shared.NotFoundException;

import org.springframework.stereotype.Component;

/** An action that is an opportunity of the pipeline. */
@Component
class OpportunityActionLink implements PlanActionLink {

	static final String KIND = "opportunity";

	private final Opportunities opportunities;

	OpportunityActionLink(Opportunities opportunities) {
		this.opportunities = opportunities;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Optional<Linked> find(RecordScope scope, long id) {
		try {
			OpportunityView deal = this.opportunities.get(scope, id);
			return Optional.of(new Linked(deal.title(), deal.accountId()));
		}
		catch (NotFoundException ex) {
			return Optional.empty();
		}
	}

	@Override
	public String href(long id) {
		return "/opportunities/" + id;
	}

}
