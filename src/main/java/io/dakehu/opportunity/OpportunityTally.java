package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many opportunities each owner has in each stage of each purchase type and what they
 * amount to, kept in the same transaction as every write that changes an opportunity's
 * owner, stage, purchase type or amount (decision 0019): the board and list, unfiltered
 * or filtered by purchase type, then add up a few rows per owner instead of every
 * opportunity. The weighted amount is not kept, because it follows the stage's
 * probability, which an administrator may change at any time; readers work it out from
 * the amount.
 *
 * <p>
 * Whoever writes opportunities without {@link Pipeline} or {@link Opportunities#append}
 * (a bulk load in SQL) recounts the tally from the opportunities in the same transaction,
 * as migration V97 does.
 */
@Component
class OpportunityTally {

	/** Rows are changed in this order, so two writers never wait for each other's. */
	private static final Comparator<Key> LOCK_ORDER = Comparator.comparingLong(Key::ownerId)
		.thenComparing(Key::stage)
		.thenComparing(Key::purchaseType);

	/**
	 * The tally's key for a deal without a purchase type (a key column cannot be null).
	 */
	private static final String NO_PURCHASE_TYPE = "";

	private final JdbcClient jdbc;

	OpportunityTally(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One opportunity recorded: a blank amount adds nothing to the amount. */
	@Transactional(propagation = Propagation.MANDATORY)
	void opened(Tallied opportunity) {
		apply(Map.of(opportunity.key(), new Change(1, amount(opportunity.amount()))));
	}

	/**
	 * One opportunity changed from one owner, stage, purchase type and amount to others;
	 * nothing happens when all four stay.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void changed(Tallied before, Tallied after) {
		Map<Key, Change> changes = new HashMap<>();
		add(changes, before.key(), new Change(-1, amount(before.amount()).negate()));
		add(changes, after.key(), new Change(1, amount(after.amount())));
		apply(changes);
	}

	/** Many opportunities recorded at once, as an import writes them. */
	@Transactional(propagation = Propagation.MANDATORY)
	void opened(Collection<NewOpportunity> opportunities) {
		Map<Key, Change> changes = new HashMap<>();
		for (NewOpportunity opportunity : opportunities) {
			// An import does not set the purchase type.
			add(changes, new Key(opportunity.ownerId(), opportunity.stage(), NO_PURCHASE_TYPE),
					new Change(1, amount(opportunity.amount())));
		}
		apply(changes);
	}

	/**
	 * The count and amount per stage of the opportunities of these owners.
	 * @param owners null for every owner
	 * @param purchaseType null for every purchase type
	 * @param stage null for every stage
	 * @param openOnly without won and lost ones (when no stage is given)
	 * @return a stage without opportunities is absent
	 */
	Map<Stage, StageSum> sums(Set<Long> owners, PurchaseType purchaseType, Stage stage, boolean openOnly) {
		Map<Stage, StageSum> sums = new EnumMap<>(Stage.class);
		if (owners != null && owners.isEmpty()) {
			return sums;
		}
		StringBuilder sql = new StringBuilder(
				"select stage, sum(opportunities), sum(amount) from opportunity_tally where opportunities > 0");
		Map<String, Object> params = new HashMap<>();
		if (owners != null) {
			sql.append(" and owner_id in (:owners)");
			params.put("owners", owners);
		}
		if (purchaseType != null) {
			sql.append(" and purchase_type = :purchaseType");
			params.put("purchaseType", purchaseType.name());
		}
		if (stage != null) {
			sql.append(" and stage = :stage");
			params.put("stage", stage.name());
		}
		else if (openOnly) {
			sql.append(" and stage not in ('WON', 'LOST')");
		}
		this.jdbc.sql(sql.append(" group by stage").toString()).params(params).query((ResultSet rs) -> {
			sums.put(Stage.valueOf(rs.getString(1)), new StageSum(rs.getLong(2), rs.getBigDecimal(3)));
		});
		return sums;
	}

	private void apply(Map<Key, Change> changes) {
		Map<Key, Change> ordered = new TreeMap<>(LOCK_ORDER);
		ordered.putAll(changes);
		ordered.forEach((key, change) -> {
			if (change.opportunities() == 0 && change.amount().signum() == 0) {
				return;
			}
			if (update(key, change) == 0) {
				// The owner's first opportunity in the stage. A writer that created the
				// row meanwhile leaves nothing to insert: then add to its row.
				int inserted = this.jdbc.sql("""
						insert into opportunity_tally (owner_id, stage, purchase_type, opportunities, amount)
						values (:owner, :stage, :type, :opportunities, :amount) on conflict do nothing""")
					.param("owner", key.ownerId())
					.param("stage", key.stage().name())
					.param("type", key.purchaseType())
					.param("opportunities", change.opportunities())
					.param("amount", change.amount())
					.update();
				if (inserted == 0) {
					update(key, change);
				}
			}
		});
	}

	private int update(Key key, Change change) {
		return this.jdbc.sql("""
				update opportunity_tally set opportunities = opportunities + :opportunities, amount = amount + :amount
				where owner_id = :owner and stage = :stage and purchase_type = :type""")
			.param("owner", key.ownerId())
			.param("stage", key.stage().name())
			.param("type", key.purchaseType())
			.param("opportunities", change.opportunities())
			.param("amount", change.amount())
			.update();
	}

	private static void add(Map<Key, Change> changes, Key key, Change change) {
		changes.merge(key, change,
				(a, b) -> new Change(a.opportunities() + b.opportunities(), a.amount().add(b.amount())));
	}

	private static BigDecimal amount(BigDecimal amount) {
		return (amount != null) ? amount : BigDecimal.ZERO;
	}

	/**
	 * What the tally counts of one opportunity.
	 *
	 * @param purchaseType null when not given
	 * @param amount null when not given
	 */
	record Tallied(long ownerId, Stage stage, PurchaseType purchaseType, BigDecimal amount) {

		private Key key() {
			return new Key(this.ownerId, this.stage,
					(this.purchaseType != null) ? this.purchaseType.name() : NO_PURCHASE_TYPE);
		}

	}

	private record Key(long ownerId, Stage stage, String purchaseType) {
	}

	private record Change(long opportunities, BigDecimal amount) {
	}

}
