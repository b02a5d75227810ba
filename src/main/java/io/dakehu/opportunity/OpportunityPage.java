package io.dakehu.opportunity;

import io.dakehu.shared.PageResult;

/**
 * One page of the opportunity list, with what every opportunity matching the filter adds
 * up to.
 */
public record OpportunityPage(PageResult<OpportunityView> page, OpportunityTotals totals) {

}
