package io.dakehu.shared.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jdbc.core.dialect.DialectResolver;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcH2Dialect;
import org.springframework.data.relational.core.sql.IdentifierProcessing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.LetterCasing;
import org.springframework.data.relational.core.sql.IdentifierProcessing.Quoting;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;

/**
 * H2 runs with {@code DATABASE_TO_LOWER=TRUE} so that the same unquoted SQL and the same
 * lower-case table names work on H2 and PostgreSQL. Spring Data's stock H2 dialect quotes
 * column names in upper case ({@code "ACTIVE"}), which then match no column; this one
 * quotes them in lower case, as the PostgreSQL dialect does.
 */
@Configuration(proxyBeanMethods = false)
class JdbcDialectConfig {

	@Bean
	JdbcDialect jdbcDialect(NamedParameterJdbcOperations operations) {
		JdbcDialect dialect = DialectResolver.getDialect(operations.getJdbcOperations());
		return (dialect instanceof JdbcH2Dialect) ? new LowerCaseH2Dialect() : dialect;
	}

	static final class LowerCaseH2Dialect extends JdbcH2Dialect {

		private static final IdentifierProcessing LOWER_CASE = IdentifierProcessing.create(Quoting.ANSI,
				LetterCasing.LOWER_CASE);

		@Override
		public IdentifierProcessing getIdentifierProcessing() {
			return LOWER_CASE;
		}

	}

}
