package io.dakehu.account;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything the account page and the API show about one account.
 *
 * @param churnReason why the customer was lost, while it is LOST
 * @param lastPurchaseOn the date of its latest purchase, null for a prospect
 * @param pool when and why it entered the public pool, null while it has an owner
 * @param channelPartner a distributor, dealer, wholesaler or agent (DOMAIN.md §6.1)
 */
public record AccountDetails(long id, String name, String registrationId, String industry, String region,
		String address, Integer employees, BigDecimal annualRevenue, Long parentId, String parentName,
		String ownerUsername, String ownerName, KeyAccountType keyAccountType, RelationshipType relationshipType,
		SalesApproach salesApproach, LifecycleStatus status, ChurnReason churnReason, LocalDate lostOn,
		LocalDate lastPurchaseOn, boolean archived, String description, List<TeamMember> team, List<Child> children,
		LocalDateTime createdAt, LocalDateTime updatedAt, int version, InPool pool, boolean channelPartner) {

	public boolean inPool() {
		return this.pool != null;
	}

	/**
	 * @param note the owner's words when they returned it
	 */
	public record InPool(PoolReason reason, String note, LocalDateTime since) {
	}

	public record TeamMember(long userId, String username, String displayName) {
	}

	public record Child(long id, String name) {
	}

}
