package io.dakehu.contract;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Writes receipts and their allocations in bulk inside the caller's transaction. On
 * PostgreSQL the receipts' ids are drawn from the table's identity sequence in one query
 * and both tables are filled with {@code COPY}: a batch that asks for generated keys is
 * executed row by row there, which made the receipts' insert one of the two slowest parts
 * of an import (BENCHMARKS.md). Elsewhere one JDBC batch each, the receipts' returning
 * their keys.
 */
@Component
class ReceiptWriter {

	private final JdbcTemplate template;

	private final DataSource dataSource;

	ReceiptWriter(JdbcTemplate template, DataSource dataSource) {
		this.template = template;
		this.dataSource = dataSource;
	}

	/**
	 * @return the new receipts' ids, in the order of the list
	 */
	List<Long> receipts(List<NewReceipt> receipts, LocalDateTime now) {
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (connection.isWrapperFor(PGConnection.class)) {
				List<Long> ids = this.template.queryForList(
						"select nextval(pg_get_serial_sequence('receipt', 'id')) from generate_series(1, ?)",
						Long.class, receipts.size());
				StringBuilder csv = new StringBuilder(receipts.size() * 96);
				for (int i = 0; i < receipts.size(); i++) {
					NewReceipt receipt = receipts.get(i);
					csv.append(ids.get(i)).append(',').append(receipt.contractId()).append(',');
					csv.append(receipt.accountId()).append(',').append(receipt.date()).append(',');
					csv.append(receipt.amount().toPlainString()).append(',').append(receipt.method()).append(',');
					if (receipt.reference() != null) {
						csv.append('"').append(receipt.reference().replace("\"", "\"\"")).append('"');
					}
					csv.append(',').append(receipt.recordedBy()).append(',').append(now).append('\n');
				}
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy receipt (id, contract_id, account_id, received_on, amount, method, reference,"
							+ " recorded_by, recorded_at) from stdin with (format csv)",
							new StringReader(csv.toString()));
				return ids;
			}
		}
		catch (SQLException | IOException ex) {
			throw new DataAccessResourceFailureException("Could not write receipts", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		return batch(receipts, now);
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

	void allocations(List<NewAllocation> allocations) {
		if (allocations.isEmpty()) {
			return;
		}
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (connection.isWrapperFor(PGConnection.class)) {
				StringBuilder csv = new StringBuilder(allocations.size() * 32);
				for (NewAllocation allocation : allocations) {
					csv.append(allocation.receiptId()).append(',').append(allocation.share().instalmentId());
					csv.append(',').append(allocation.share().amount().toPlainString()).append('\n');
				}
				connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("copy receipt_allocation (receipt_id, instalment_id, amount) from stdin with (format csv)",
							new StringReader(csv.toString()));
				return;
			}
		}
		catch (SQLException | IOException ex) {
			throw new DataAccessResourceFailureException("Could not write allocations", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		this.template.batchUpdate("insert into receipt_allocation (receipt_id, instalment_id, amount) values (?, ?, ?)",
				allocations, allocations.size(), (ps, allocation) -> {
					ps.setLong(1, allocation.receiptId());
					ps.setLong(2, allocation.share().instalmentId());
					ps.setBigDecimal(3, allocation.share().amount());
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
