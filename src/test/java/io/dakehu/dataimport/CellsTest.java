package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cells as people type them in sheets.
 */
class CellsTest {

	private final ImportContext context = new ImportContext(0,
			new CurrentUser(1, "admin", "Admin", Role.ADMIN, RecordScope.everything(1)),
			ImportRequest.of(ImportType.ORDERS, "x.csv"), false, java.time.LocalDateTime.now());

	@ParameterizedTest
	@ValueSource(strings = { "2017-03-01", "2017/3/1", "2017.3.1", "2017年3月1日", "20170301", "1.3.2017",
			"2017-03-01 00:00:00" })
	void readsTheUsualDateSpellings(String text) {
		assertThat(Cells.date(row(text), "date", this.context)).isEqualTo(LocalDate.of(2017, 3, 1));
		assertThat(this.context.rejectedCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "2017-13-01", "2017-02-30", "yesterday", "03/01/2017" })
	void rejectsWhatIsNotADate(String text) {
		Row row = row(text);
		assertThat(Cells.date(row, "date", this.context)).isNull();
		assertThat(row.rejected()).isTrue();
		assertThat(this.context.drainErrors()).extracting(ImportJobView.Error::reason)
			.containsExactly("import.badDate");
	}

	@Test
	void readsNumbersWithSeparatorsAndCurrencySigns() {
		assertThat(Cells.decimal(row("¥1,234.50"), "date", this.context))
			.isEqualByComparingTo(new BigDecimal("1234.50"));
		assertThat(Cells.decimal(row("1 200 元"), "date", this.context)).isEqualByComparingTo("1200");
		assertThat(Cells.decimal(row("-3"), "date", this.context)).isEqualByComparingTo("-3");
		assertThat(Cells.decimal(row("twelve"), "date", this.context)).isNull();
	}

	private static Row row(String value) {
		Header header = new Header(List.of(Column.required("date")), List.of("date"));
		return header.row(2, List.of(value));
	}

}
