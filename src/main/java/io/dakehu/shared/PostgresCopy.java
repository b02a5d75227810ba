package io.dakehu.shared;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Rows written with PostgreSQL's {@code COPY … FROM STDIN} on the transaction's own
 * connection, for the bulk paths of imports: a batch of inserts pays a statement per row
 * (its parsing, its statement triggers, a round of the driver's parameter binding) where
 * {@code COPY} pays one for all of them. Values are written as PostgreSQL's CSV reads
 * them: null as an unquoted empty field (NULL), everything else quoted, an enum by its
 * name.
 */
public final class PostgresCopy {

	private static final CSVFormat FORMAT = CSVFormat.POSTGRESQL_CSV;

	private PostgresCopy() {
	}

	/**
	 * Copies the rows into the table's columns, inside the caller's transaction (a failed
	 * copy leaves nothing behind once it rolls back).
	 * @param rows each row's values in the order of {@code columns}
	 * @throws IllegalStateException when the database is not PostgreSQL
	 */
	public static void copy(DataSource dataSource, String table, List<String> columns, List<List<Object>> rows) {
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			StringWriter csv = new StringWriter(rows.size() * 16 * columns.size());
			try (CSVPrinter printer = new CSVPrinter(csv, FORMAT)) {
				for (List<Object> row : rows) {
					for (Object value : row) {
						printer.print(text(value));
					}
					printer.println();
				}
			}
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("copy " + table + " (" + String.join(", ", columns) + ") from stdin with (format csv)",
						new StringReader(csv.toString()));
		}
		catch (SQLException | IOException ex) {
			throw new DataAccessResourceFailureException("Could not copy the rows into " + table, ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/**
	 * Ids for new rows of the table, drawn from its identity sequence in one statement:
	 * copied rows name their ids, as a batch returning its generated keys would have
	 * learned them.
	 */
	public static List<Long> newIds(JdbcTemplate jdbc, String table, int count) {
		return jdbc.queryForList("select nextval(pg_get_serial_sequence(?, 'id')) from generate_series(1, ?)",
				Long.class, table, count);
	}

	private static Object text(Object value) {
		if (value instanceof Enum<?> constant) {
			return constant.name();
		}
		return (value instanceof BigDecimal number) ? number.toPlainString() : value;
	}

}
