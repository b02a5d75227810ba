package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * How many opportunities each owner has in each stage and what they amount to, the same
 * per purchase type, and both again per month of the close date (the close date of a won
 * or lost deal, else the expected one), kept in the same transaction as every write that
 * changes an opportunity's owner, stage, purchase type, amount or dates (decisions 0019
 * and 0083): the board and list, unfiltered, filtered by purchase type or by a close
 * period, then add up a few rows per owner instead of every opportunity. The weighted
 * amount is not kept, because it follows the stage's probability, which an administrator
 * may change at any time; readers work it out from the amount.
 *
 * <p>
 * Whoever writes opportunities without {@link Pipeline} or {@link Opportunities#append}
 * (a bulk load in SQL) recounts the tallies from the opportunities in the same
 * transaction, as migrations V97, V193 and V197 do.
 */
@Component
class OpportunityTally {

	/**
	 * Rows are changed in this order, table by table in {@link Table}'s order, so two
	 * writers never wait for each other's.
	 */
	private static final Comparator<Key> LOCK_ORDER = Comparator.comparing(Key::table)
		.thenComparing(Key::purchaseType, Comparator.nullsFirst(Comparator.naturalOrder()))
		.thenComparing(Key::month, Comparator.nullsFirst(Comparator.naturalOrder()))
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
	 * One opportunity changed from one owner, stage, purchase type, amount and close
	 * month to others; nothing happens when all stay.
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
			LocalDate closes = CloseMonths.closes(opportunity.closeDate(), opportunity.expectedCloseDate());
			add(changes, new Tallied(opportunity.ownerId(), opportunity.stage(), null, null, closes).key(),
					new Change(1, amount(opportunity.amount())));
		}
		apply(changes);
	}

	/**
	 * The count and amount per stage of the opportunities of these owners, as a part of
	 * the list's totals ({@link StageSum.Part}): a few rows per owner, and per month for
	 * a close period.
	 * @param owners null for every owner
	 * @param purchaseType null for every purchase type, given or not
	 * @param stage null for every stage
	 * @param openOnly without won and lost ones (when no stage is given)
	 * @param months the months of a close period ({@link CloseMonths#first} to
	 * {@link CloseMonths#end}); null for every opportunity, whenever it closes
	 * @return null when no owner is asked for
	 */
	StageSum.Part part(Set<Long> owners, PurchaseType purchaseType, Stage stage, boolean openOnly, CloseMonths months) {
		return part("stage", owners, purchaseType, stage, openOnly, months);
	}

	/**
	 * The count and amount per owner and stage of every opportunity of these owners
	 * closing in the months of a period, as a part of the forecast's sums: each row an
	 * owner ({@code owner_id}), a stage, a count and an amount.
	 * @param owners null for every owner
	 * @return null when no owner is asked for
	 */
	StageSum.Part partPerOwner(Set<Long> owners, CloseMonths months) {
		return part("owner_id, stage", owners, null, null, false, months);
	}

	private StageSum.Part part(String columns, Set<Long> owners, PurchaseType purchaseType, Stage stage,
			boolean openOnly, CloseMonths months) {
		if (owners != null && owners.isEmpty()) {
			return null;
		}
		Map<String, Object> params = new HashMap<>();
		Table table = Table.of(purchaseType != null, months != null);
		StringBuilder sql = new StringBuilder("select ").append(columns)
			.append(", opportunities, amount from ")
			.append(table.name)
			.append(" where opportunities > 0");
		if (purchaseType != null) {
			sql.append(" and purchase_type = :tallyType");
			params.put("tallyType", purchaseType.name());
		}
		if (months != null && months.first() != null) {
			sql.append(" and close_month >= :tallyFirstMonth");
			params.put("tallyFirstMonth", months.first());
		}
		if (months != null && months.end() != null) {
			sql.append(" and close_month < :tallyEndMonth");
			params.put("tallyEndMonth", months.end());
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
	 * Each change goes to the owner's row for the stage, and to the rows for its purchase
	 * type and its close month where it has them.
	 */
	private void apply(Map<Key, Change> changes) {
		Map<Key, Change> rows = new TreeMap<>(LOCK_ORDER);
		changes.forEach((key, change) -> {
			add(rows, new Key(null, null, key.ownerId(), key.stage()), change);
			if (key.purchaseType() != null) {
				add(rows, new Key(key.purchaseType(), null, key.ownerId(), key.stage()), change);
			}
			if (key.month() != null) {
				add(rows, new Key(null, key.month(), key.ownerId(), key.stage()), change);
			}
			if (key.purchaseType() != null && key.month() != null) {
				add(rows, key, change);
			}
		});
		rows.forEach((key, change) -> {
			if (change.opportunities() == 0 && change.amount().signum() == 0) {
				return;
			}
			Table table = key.table();
			if (bind(this.jdbc.sql(table.update), key, change).update() == 0) {
				// The first opportunity of the row. A writer that created the row
				// meanwhile leaves nothing to insert: then add to its row.
				if (bind(this.jdbc.sql(table.insert), key, change).update() == 0) {
					bind(this.jdbc.sql(table.update), key, change).update();
				}
			}
		});
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Key key, Change change) {
		statement.param("owner", key.ownerId())
			.param("stage", key.stage().name())
			.param("opportunities", change.opportunities())
			.param("amount", change.amount());
		if (key.purchaseType() != null) {
			statement.param("type", key.purchaseType());
		}
		return (key.month() != null) ? statement.param("month", key.month()) : statement;
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
	 * @param closes the close date, else the expected one; null for neither
	 */
	record Tallied(long ownerId, Stage stage, PurchaseType purchaseType, BigDecimal amount, LocalDate closes) {

		/** The deal as it stands. */
		static Tallied of(OpportunityView deal) {
			return new Tallied(deal.ownerId(), deal.stage(), deal.purchaseType(), deal.amount(), deal.periodDate());
		}

		private Key key() {
			return new Key((this.purchaseType != null) ? this.purchaseType.name() : null,
					(this.closes != null) ? this.closes.withDayOfMonth(1) : null, this.ownerId, this.stage);
		}

	}

	/**
	 * A tally's table, with the statements that add to one of its rows: the type's and
	 * the month's keys ({@code :type}, {@code :month}) where it has them, then the owner
	 * and the stage.
	 */
	private enum Table {

		BY_OWNER("opportunity_tally", List.of()), BY_TYPE("opportunity_type_tally", List.of("purchase_type")),
		BY_MONTH("opportunity_month_tally", List.of("close_month")),
		BY_TYPE_AND_MONTH("opportunity_month_type_tally", List.of("purchase_type", "close_month"));

		private final String name;

		private final String update;

		private final String insert;

		Table(String name, List<String> keys) {
			this.name = name;
			StringBuilder where = new StringBuilder();
			StringBuilder columns = new StringBuilder();
			StringBuilder values = new StringBuilder();
			for (String key : keys) {
				String param = key.equals("purchase_type") ? ":type" : ":month";
				where.append(key).append(" = ").append(param).append(" and ");
				columns.append(key).append(", ");
				values.append(param).append(", ");
			}
			this.update = "update " + name + " set opportunities = opportunities + :opportunities,"
					+ " amount = amount + :amount where " + where + "owner_id = :owner and stage = :stage";
			this.insert = "insert into " + name + " (" + columns + "owner_id, stage, opportunities, amount) values ("
					+ values + ":owner, :stage, :opportunities, :amount) on conflict do nothing";
		}

		static Table of(boolean byType, boolean byMonth) {
			return byMonth ? (byType ? BY_TYPE_AND_MONTH : BY_MONTH) : (byType ? BY_TYPE : BY_OWNER);
		}

	}

	/**
	 * A row of a tally.
	 *
	 * @param purchaseType null for the tallies over every type
	 * @param month the first day of the close month; null for the tallies over every
	 * month
	 */
	private record Key(String purchaseType, LocalDate month, long ownerId, Stage stage) {

		Table table() {
			return Table.of(this.purchaseType != null, this.month != null);
		}

	}

	private record Change(long opportunities, BigDecimal amount) {
	}

}
