package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many opportunities each owner has in each stage and what they amount to, and the
 * same per purchase type, kept in the same transaction as every write that changes an
 * opportunity's owner, stage, purchase type or amount (decision 0019): the board and
 * list, unfiltered or filtered by purchase type, then add up a few rows per owner instead
 * of every opportunity. The weighted amount is not kept, because it follows the stage's
 * probability, which an administrator may change at any time; readers work it out from
 * the amount.
 *
 * <p>
 * Whoever writes opportunities without {@link Pipeline} or {@link Opportunities#append}
 * (a bulk load in SQL) recounts both tallies from the opportunities in the same
 * transaction, as migrations V97 and V193 do.
 */
@Component
class OpportunityTally {

	/**
	 * Rows are changed in this order, the tally per owner and stage first, so two writers
	 * never wait for each other's.
	 */
	private static final Comparator<Key> LOCK_ORDER = Comparator
		.comparing(Key::purchaseType, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparingLong(Key::ownerId)
		.thenComparing(Key::stage);

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

	/** Many opportunities recorded at once, as an import writes them (without a type). */
	@Transactional(propagation = Propagation.MANDATORY)
	void opened(Collection<NewOpportunity> opportunities) {
		Map<Key, Change> changes = new HashMap<>();
		for (NewOpportunity opportunity : opportunities) {
			add(changes, new Key(opportunity.ownerId(), opportunity.stage(), null),
					new Change(1, amount(opportunity.amount())));
		}
		apply(changes);
	}

	/**
	 * The count and amount per stage of the opportunities of these owners, as a part of
	 * the list's totals ({@link StageSum.Part}): a few rows per owner.
	 * @param owners null for every owner
	 * @param purchaseType null for every purchase type, given or not
	 * @param stage null for every stage
	 * @param openOnly without won and lost ones (when no stage is given)
	 * @return null when no owner is asked for
	 */
	StageSum.Part part(Set<Long> owners, PurchaseType purchaseType, Stage stage, boolean openOnly) {
		if (owners != null && owners.isEmpty()) {
			return null;
		}
		Map<String, Object> params = new HashMap<>();
		StringBuilder sql = new StringBuilder("select stage, opportunities, amount from ");
		if (purchaseType != null) {
			sql.append("opportunity_type_tally where purchase_type = :tallyType and opportunities > 0");
			params.put("tallyType", purchaseType.name());
		}
		else {
			sql.append("opportunity_tally where opportunities > 0");
		}
		if (owners != null) {
			sql.append(" and owner_id in (:tallyOwners)");
			params.put("tallyOwners", owners);
		}
		if (stage != null) {
			sql.append(" and stage = :tallyStage");
			params.put("tallyStage", stage.name());
		}
		else if (openOnly) {
			sql.append(" and stage not in ('WON', 'LOST')");
		}
		return new StageSum.Part(sql.toString(), params);
	}

	/**
	 * Each change goes to the owner's row for the stage, and to the row for its purchase
	 * type where it has one.
	 */
	private void apply(Map<Key, Change> changes) {
		Map<Key, Change> rows = new TreeMap<>(LOCK_ORDER);
		changes.forEach((key, change) -> {
			add(rows, new Key(key.ownerId(), key.stage(), null), change);
			if (key.purchaseType() != null) {
				add(rows, key, change);
			}
		});
		rows.forEach((key, change) -> {
			if (change.opportunities() == 0 && change.amount().signum() == 0) {
				return;
			}
			if (update(key, change) == 0) {
				// The first opportunity of the row. A writer that created the row
				// meanwhile leaves nothing to insert: then add to its row.
				String insert = (key.purchaseType() != null) ? """
						insert into opportunity_type_tally (purchase_type, owner_id, stage, opportunities, amount)
						values (:type, :owner, :stage, :opportunities, :amount) on conflict do nothing""" : """
						insert into opportunity_tally (owner_id, stage, opportunities, amount)
						values (:owner, :stage, :opportunities, :amount) on conflict do nothing""";
				if (bind(this.jdbc.sql(insert), key, change).update() == 0) {
					update(key, change);
				}
			}
		});
	}

	private int update(Key key, Change change) {
		String update = (key.purchaseType() != null) ? """
				update opportunity_type_tally
				set opportunities = opportunities + :opportunities, amount = amount + :amount
				where purchase_type = :type and owner_id = :owner and stage = :stage""" : """
				update opportunity_tally set opportunities = opportunities + :opportunities, amount = amount + :amount
				where owner_id = :owner and stage = :stage""";
		return bind(this.jdbc.sql(update), key, change).update();
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Key key, Change change) {
		statement.param("owner", key.ownerId())
			.param("stage", key.stage().name())
			.param("opportunities", change.opportunities())
			.param("amount", change.amount());
		return (key.purchaseType() != null) ? statement.param("type", key.purchaseType()) : statement;
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

		/** The deal as it stands. */
		static Tallied of(OpportunityView deal) {
			return new Tallied(deal.ownerId(), deal.stage(), deal.purchaseType(), deal.amount());
		}

		private Key key() {
			return new Key(this.ownerId, this.stage, (this.purchaseType != null) ? this.purchaseType.name() : null);
		}

	}

	/**
	 * A row of a tally.
	 *
	 * @param purchaseType null for the tally per owner and stage
	 */
	private record Key(long ownerId, Stage stage, String purchaseType) {
	}

	private record Change(long opportunities, BigDecimal amount) {
	}

}
