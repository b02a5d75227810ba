package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The payment plans' rows: instalments with what has been paid on each, read set-wise for
 * many contracts at once. Callers hold the contract's row lock when they write; what an
 * instalment has paid is written by {@link ReceiptWriter} only.
 */
@Component
class Instalments {

	/**
	 * Each instalment with what its allocations paid, kept on the row by
	 * {@link ReceiptWriter} (decision 0040).
	 */
	static final String WITH_PAID = """
			select i.id, i.contract_id, i.account_id, i.due_date, i.amount, i.written_off_on, i.paid
			from instalment i""";

	private final JdbcClient jdbc;

	Instalments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The plans of these contracts, each by due date. */
	List<InstalmentView> of(Collection<Long> contractIds, Map<Long, String> numbers, LocalDate today) {
		if (contractIds.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql(WITH_PAID + " where i.contract_id in (:ids) order by i.contract_id, i.due_date, i.id")
			.param("ids", Set.copyOf(contractIds))
			.query((rs, n) -> view(rs.getLong(1), rs.getLong(2), numbers.get(rs.getLong(2)),
					rs.getDate(4).toLocalDate(), rs.getBigDecimal(5),
					(rs.getDate(6) != null) ? rs.getDate(6).toLocalDate() : null, rs.getBigDecimal(7), today))
			.list();
	}

	/** The instalments still owed on an account, soonest due first. */
	List<InstalmentView> owedOnAccount(long accountId, Map<Long, String> numbers, LocalDate today, int limit) {
		return this.jdbc.sql(WITH_PAID + """
				 join contract c on c.id = i.contract_id
				where i.account_id = :account and i.written_off_on is null and i.paid < i.amount
				  and c.status not in ('DRAFT', 'AWAITING_APPROVAL')
				order by i.due_date, i.id limit :limit""")
			.param("account", accountId)
			.param("limit", limit)
			.query((rs, n) -> view(rs.getLong(1), rs.getLong(2), numbers.get(rs.getLong(2)),
					rs.getDate(4).toLocalDate(), rs.getBigDecimal(5), null, rs.getBigDecimal(7), today))
			.list();
	}

	static InstalmentView view(long id, long contractId, String number, LocalDate due, BigDecimal amount,
			LocalDate writtenOff, BigDecimal paid, LocalDate today) {
		BigDecimal outstanding = (writtenOff != null) ? BigDecimal.ZERO : amount.subtract(paid).max(BigDecimal.ZERO);
		AgingBucket bucket = (outstanding.signum() > 0) ? AgingBucket.of(due, today) : null;
		return new InstalmentView(id, contractId, number, due, amount, paid, outstanding, writtenOff, bucket);
	}

	/**
	 * What each instalment of the contract still owes; written-off and settled ones are
	 * left out.
	 */
	List<Allocations.Open> open(long contractId) {
		return this.jdbc.sql("""
				select i.id, i.due_date, i.amount - i.paid from instalment i
				where i.contract_id = :contract and i.written_off_on is null and i.paid < i.amount
				order by i.due_date, i.id""")
			.param("contract", contractId)
			.query((rs, n) -> new Allocations.Open(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)))
			.list();
	}

	/**
	 * What the instalments of many contracts still owe, by contract: one query for a
	 * whole batch of receipts; written-off and settled instalments are left out.
	 */
	Map<Long, List<Allocations.Open>> openOf(Collection<Long> contractIds) {
		Map<Long, List<Allocations.Open>> open = new HashMap<>();
		if (contractIds.isEmpty()) {
			return open;
		}
		this.jdbc.sql("""
				select i.contract_id, i.id, i.due_date, i.amount - i.paid from instalment i
				where i.contract_id in (:ids) and i.written_off_on is null and i.paid < i.amount""")
			.param("ids", Set.copyOf(contractIds))
			.query((rs, n) -> open.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new Allocations.Open(rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4))))
			.list();
		return open;
	}

	/** Per contract: the planned sum, received, still owed and overdue. */
	Map<Long, Sums> sums(Collection<Long> contractIds, LocalDate today) {
		Map<Long, Sums> sums = new HashMap<>();
		if (contractIds.isEmpty()) {
			return sums;
		}
		this.jdbc.sql("select o.contract_id, sum(o.amount),"
				+ " sum(case when o.written_off_on is null and o.amount > o.paid then o.amount - o.paid else 0 end),"
				+ " sum(case when o.written_off_on is null and o.amount > o.paid and o.due_date < :today"
				+ " then o.amount - o.paid else 0 end) from (" + WITH_PAID + " where i.contract_id in (:ids)) o"
				+ " group by o.contract_id")
			.param("ids", Set.copyOf(contractIds))
			.param("today", today)
			.query((rs, n) -> sums.put(rs.getLong(1),
					new Sums(rs.getBigDecimal(2), BigDecimal.ZERO, rs.getBigDecimal(3), rs.getBigDecimal(4))))
			.list();
		this.jdbc.sql("select contract_id, sum(amount) from receipt where contract_id in (:ids) group by contract_id")
			.param("ids", Set.copyOf(contractIds))
			.query((rs, n) -> sums.merge(rs.getLong(1),
					new Sums(BigDecimal.ZERO, rs.getBigDecimal(2), BigDecimal.ZERO, BigDecimal.ZERO),
					(a, b) -> new Sums(a.planned(), b.received(), a.outstanding(), a.overdue())))
			.list();
		return sums;
	}

	/** Replaces the plan of a contract that has no allocated receipt. */
	void replace(long contractId, long accountId, List<InstalmentInput> plan) {
		this.jdbc.sql("delete from instalment where contract_id = :contract").param("contract", contractId).update();
		for (InstalmentInput instalment : plan) {
			this.jdbc.sql("""
					insert into instalment (contract_id, account_id, due_date, amount)
					values (:contract, :account, :due, :amount)""")
				.param("contract", contractId)
				.param("account", accountId)
				.param("due", instalment.dueDate())
				.param("amount", instalment.amount())
				.update();
		}
	}

	boolean anyPaid(long contractId) {
		return this.jdbc.sql("select count(*) from instalment where contract_id = :contract and paid > 0")
			.param("contract", contractId)
			.query(Long.class)
			.single() > 0;
	}

	/** The instalment of the contract, for a write-off. */
	InstalmentView one(long contractId, long instalmentId, LocalDate today) {
		return of(List.of(contractId), Map.of(), today).stream()
			.filter((instalment) -> instalment.id() == instalmentId)
			.findFirst()
			.orElse(null);
	}

	void writeOff(long instalmentId, LocalDate on) {
		this.jdbc.sql("update instalment set written_off_on = :on where id = :id")
			.param("on", on)
			.param("id", instalmentId)
			.update();
	}

	/** Follows a merge. */
	void moveAccount(long absorbedId, long survivorId) {
		this.jdbc.sql("update instalment set account_id = :survivor where account_id = :absorbed")
			.param("survivor", survivorId)
			.param("absorbed", absorbedId)
			.update();
		this.jdbc.sql("update receipt set account_id = :survivor where account_id = :absorbed")
			.param("survivor", survivorId)
			.param("absorbed", absorbedId)
			.update();
	}

	/** Checks that a plan adds up to the amount. */
	static void requireAddsUp(List<InstalmentInput> plan, BigDecimal amount) {
		BigDecimal total = plan.stream().map(InstalmentInput::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
		if (total.compareTo(amount) != 0) {
			throw new io.dakehu.shared.RuleViolationException("instalments", "validation.contract.planSum",
					total.toPlainString(), amount.toPlainString());
		}
	}

	record Sums(BigDecimal planned, BigDecimal received, BigDecimal outstanding, BigDecimal overdue) {

		static final Sums NONE = new Sums(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	}

}
