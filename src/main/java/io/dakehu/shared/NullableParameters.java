package io.dakehu.shared;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;

/**
 * Binds optional values in JDBC batches: a missing value becomes SQL NULL of the column's
 * type, which some drivers need to know.
 */
public final class NullableParameters {

	private NullableParameters() {
	}

	public static void setLong(PreparedStatement ps, int index, Long value) throws SQLException {
		if (value != null) {
			ps.setLong(index, value);
		}
		else {
			ps.setNull(index, Types.BIGINT);
		}
	}

	public static void setDate(PreparedStatement ps, int index, LocalDate value) throws SQLException {
		if (value != null) {
			ps.setDate(index, Date.valueOf(value));
		}
		else {
			ps.setNull(index, Types.DATE);
		}
	}

}
