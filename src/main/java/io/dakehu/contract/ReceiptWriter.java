package io.dakehu.contract;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.PostgresCopy;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Writes receipts and their allocations in bulk inside the caller's transaction, and is
 * the one place that writes or removes an allocation: each instalment's kept {@code paid}
 * moves with its allocations in the same statement batch (decision 0040), so no reader
 * needs to sum them. On PostgreSQL the receipts' ids are drawn from the table's identity
 * sequence in one query and both tables are filled with {@code COPY}: a batch that asks
 * for generated keys is executed row by row there, which made the receipts' insert one of
 * the two slowest parts of an import (BENCHMARKS.md). Elsewhere one JDBC batch each, the
 * receipts' returning their keys.
 */
@Component
class ReceiptWriter {

	private final JdbcTemplate template;

	private final DataSource dataSource;

	private final boolean postgres;

	ReceiptWriter(JdbcTemplate template, DataSource dataSource, DatabaseProduct database) {
		this.template = template;
		this.dataSource = dataSource;
		this.postgres = database.postgres();
	}

	/**
	 * @return the new receipts' ids, in the order of the list
	 */
	List<Long> receipts(List<NewReceipt> receipts, LocalDateTime now) {
		if (!this.postgres) {
			return batch(receipts, now);
		}
		List<Long> ids = PostgresCopy.newIds(this.template, "receipt", receipts.size());
		List<List<Object>> rows = new ArrayList<>(receipts.size());
		for (int i = 0; i < receipts.size(); i++) {
			NewReceipt receipt = receipts.get(i);
			rows.add(Arrays.asList(ids.get(i), receipt.contractId(), receipt.accountId(), receipt.date(),
					receipt.amount(), receipt.method(), receipt.reference(), receipt.recordedBy(), now));
		}
		PostgresCopy.copy(this.dataSource, "receipt", List.of("id", "contract_id", "account_id", "received_on",
				"amount", "method", "reference", "recorded_by", "recorded_at"), rows);
		return ids;
	}

	private List<Long> batch(List<NewReceipt> receipts, LocalDateTime now) {
		Timestamp at = Timestamp.valueOf(now);
		KeyHolder keys = new GeneratedKeyHolder();
		this.template.batchUpdate((connection) -> connection.prepareStatement("""
				insert into receipt (contract_id, account_id, received_on, amount, method, reference, recorded_by,
				                     recorded_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", new String[] { "id" }), new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				NewReceipt receipt = receipts.get(i);
				ps.setLong(1, receipt.contractId());
				ps.setLong(2, receipt.accountId());
				ps.setDate(3, Date.valueOf(receipt.date()));
				ps.setBigDecimal(4, receipt.amount());
				ps.setString(5, receipt.method());
				ps.setString(6, receipt.reference());
				ps.setLong(7, receipt.recordedBy());
				ps.setTimestamp(8, at);
			}

			@Override
			public int getBatchSize() {
				return receipts.size();
			}

		}, keys);
		List<Long> ids = keys.getKeyList().stream().map((row) -> ((Number) row.get("id")).longValue()).toList();
		if (ids.size() != receipts.size()) {
			throw new IllegalStateException("Expected " + receipts.size() + " receipt ids, got " + ids.size());
		}
		return ids;
	}

	/**
	 * Writes the allocations and adds each to what its instalment has paid. The caller
	 * holds the contracts' row locks and computed the shares from what the instalments
	 * owe, so no instalment is paid beyond its amount.
	 */
	void allocations(List<NewAllocation> allocations) {
		if (allocations.isEmpty()) {
			return;
		}
		if (this.postgres) {
			PostgresCopy.copy(this.dataSource, "receipt_allocation", List.of("receipt_id", "instalment_id", "amount"),
					allocations.stream()
						.map((allocation) -> List.<Object>of(allocation.receiptId(), allocation.share().instalmentId(),
								allocation.share().amount()))
						.toList());
			this.template.execute((ConnectionCallback<Void>) (connection) -> {
				addPaid(connection, paidByInstalment(allocations, false));
				return null;
			});
			return;
		}
		this.template.batchUpdate("insert into receipt_allocation (receipt_id, instalment_id, amount) values (?, ?, ?)",
				allocations, allocations.size(), (ps, allocation) -> {
					ps.setLong(1, allocation.receiptId());
					ps.setLong(2, allocation.share().instalmentId());
					ps.setBigDecimal(3, allocation.share().amount());
				});
		addPaidInBatch(paidByInstalment(allocations, false));
	}

	/**
	 * Takes a receipt's allocations back, for its re-allocation: what they paid is owed
	 * again.
	 */
	void release(long receiptId) {
		List<NewAllocation> released = this.template.query(
				"select instalment_id, amount from receipt_allocation where receipt_id = ?",
				(rs, n) -> new NewAllocation(receiptId, new Allocations.Share(rs.getLong(1), rs.getBigDecimal(2))),
				receiptId);
		this.template.update("delete from receipt_allocation where receipt_id = ?", receiptId);
		addPaidInBatch(paidByInstalment(released, true));
	}

	/**
	 * The change to each instalment's paid amount, summed per instalment (one update a
	 * row: PostgreSQL's update from a list applies only one match per row) and in id
	 * order, the order rows are locked in.
	 */
	private static Map<Long, BigDecimal> paidByInstalment(List<NewAllocation> allocations, boolean taken) {
		Map<Long, BigDecimal> paid = new TreeMap<>();
		for (NewAllocation allocation : allocations) {
			BigDecimal amount = allocation.share().amount();
			paid.merge(allocation.share().instalmentId(), taken ? amount.negate() : amount, BigDecimal::add);
		}
		return paid;
	}

	/** One statement for all instalments: the ids and amounts go as two arrays. */
	private static void addPaid(Connection connection, Map<Long, BigDecimal> paid) throws SQLException {
		try (PreparedStatement update = connection.prepareStatement("""
				update instalment i set paid = i.paid + p.amount
				from unnest(?, ?) as p(id, amount) where i.id = p.id""")) {
			update.setArray(1, connection.createArrayOf("bigint", paid.keySet().toArray()));
			update.setArray(2, connection.createArrayOf("numeric", paid.values().toArray()));
			update.executeUpdate();
		}
	}

	private void addPaidInBatch(Map<Long, BigDecimal> paid) {
		this.template.batchUpdate("update instalment set paid = paid + ? where id = ?", List.copyOf(paid.entrySet()),
				paid.size(), (ps, change) -> {
					ps.setBigDecimal(1, change.getValue());
					ps.setLong(2, change.getKey());
				});
	}

	/** A receipt as written: the reference stripped, null when blank. */
	record NewReceipt(long contractId, long accountId, LocalDate date, BigDecimal amount, String method,
			String reference, long recordedBy) {
	}

	/** The part of a receipt that pays one instalment. */
	record NewAllocation(long receiptId, Allocations.Share share) {
	}

}
