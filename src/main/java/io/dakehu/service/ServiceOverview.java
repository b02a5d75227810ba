package io.dakehu.service;

import java.util.List;

/**
 * What the account page shows of service: the level the account's tier earns, its
 * complaints newest first, and whether it is flagged for repeated complaints.
 */
public record ServiceOverview(long accountId, ServiceLevel level, List<ComplaintView> complaints, long complaintsInYear,
		boolean repeated) {
}
