package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
		assertThat(Cells.decimal(row("¥1,234.50"), "date", Cells.MONEY, this.context))
			.isEqualByComparingTo(new BigDecimal("1234.50"));
		assertThat(Cells.decimal(row("1 200 元"), "date", Cells.MONEY, this.context)).isEqualByComparingTo("1200");
		assertThat(Cells.decimal(row("-3"), "date", Cells.MONEY, this.context)).isEqualByComparingTo("-3");
		assertThat(Cells.decimal(row("twelve"), "date", Cells.MONEY, this.context)).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "1E-999999999,import.tooManyDecimals", "1E999999999,import.numberTooLarge",
			"1E-30,import.tooManyDecimals", "0.001,import.tooManyDecimals", "123456789012345678,import.numberTooLarge",
			"1E+17,import.numberTooLarge", "1E-9999999999,import.badNumber" })
	void refusesNumbersTheColumnCannotHoldFromTheirExponentAlone(String text, String reason) {
		Row row = row(text);
		long started = System.nanoTime();
		assertThat(Cells.decimal(row, "date", Cells.MONEY, this.context)).isNull();
		// Refused from the exponent: no billion-digit string is ever made.
		assertThat(System.nanoTime() - started).isLessThan(java.time.Duration.ofMillis(200).toNanos());
		assertThat(row.rejected()).isTrue();
		assertThat(this.context.drainErrors()).extracting(ImportJobView.Error::reason).containsExactly(reason);
	}

	@ParameterizedTest
	@CsvSource({ "12.300,12.30", "1E+16,10000000000000000", "99999999999999999.99,99999999999999999.99",
			"0E-999999999,0.00", "-0.01,-0.01", "1250000.50,1250000.50" })
	void keepsNumbersTheColumnHoldsInPlainShortForm(String text, String expected) {
		java.math.BigDecimal value = Cells.decimal(row(text), "date", Cells.MONEY, this.context);
		assertThat(value.toPlainString()).isEqualTo(expected);
		assertThat(this.context.rejectedCount()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u0000b", "\u0007bell", "x\uFEFFy", "evil\u202Egnp.exe", "\u2066iso\u2069", "del\u007F",
			"c1\u0085" })
	void refusesControlCharactersAtTheirRowAndColumn(String text) {
		Row row = row(text);
		row.checkText(this.context);
		List<ImportJobView.Error> errors = this.context.drainErrors();
		assertThat(errors).extracting(ImportJobView.Error::reason).containsExactly("import.controlCharacter");
		assertThat(errors.get(0).row()).isEqualTo(2);
		assertThat(errors.get(0).column()).isEqualTo("date");
		// Stored without the character itself, which PostgreSQL could not keep.
		assertThat(errors.get(0).value()).contains("\uFFFD").doesNotContain("\u0000");
	}

	@ParameterizedTest
	@ValueSource(strings = { "two\tcolumns", "line\nbreak", "crlf\r\nend", "中文名称" })
	void letsTabsAndLineBreaksThroughInText(String text) {
		row(text).checkText(this.context);
		assertThat(this.context.rejectedCount()).isZero();
	}

	@Test
	void aHeaderReadForAFieldThatAppearsTwiceIsADuplicate() {
		Header header = new Header(List.of(Column.required("name", "客户名称"), Column.optional("industry")),
				List.of("Name", "industry", "name ", "notes", "notes", "客户名称"));
		// Both later columns for the name are named; two unread "notes" are no one's
		// concern.
		assertThat(header.duplicates()).containsExactly("name", "客户名称");
		// A column the user maps a field to wins over one recognised by name.
		assertThat(new Header(List.of(Column.required("amount", "金额")), List.of("金额", "含税金额"),
				java.util.Map.of("含税金额", "amount"))
			.duplicates()).isEmpty();
		// A column the user maps to no field is no duplicate.
		assertThat(new Header(List.of(Column.required("name")), List.of("name", "Name2"), java.util.Map.of("Name2", ""))
			.duplicates()).isEmpty();
	}

	private static Row row(String value) {
		Header header = new Header(List.of(Column.required("date")), List.of("date"));
		return header.row(2, List.of(value));
	}

}
