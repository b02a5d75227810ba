package io.dakehu.service;

import io.dakehu.segmentation.AbcClass;
import io.dakehu.segmentation.Tier;

/**
 * An account flagged for repeated complaints (DOMAIN.md §10.3): ABC class A or tier VIP
 * or Major, with {@code complaints} (at least three) received in the last twelve months.
 * {@code abc} is null when no run ranked the account.
 */
public record RepeatedComplaints(long accountId, String accountName, long complaints, Tier tier, AbcClass abc) {
}
