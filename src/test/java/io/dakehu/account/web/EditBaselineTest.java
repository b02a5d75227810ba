package io.dakehu.account.web;

import java.math.BigDecimal;
import java.util.List;

import io.dakehu.account.AccountInput;
import io.dakehu.account.KeyAccountType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an edit form carries back and how a conflict's fields are chosen, without the
 * application.
 */
class EditBaselineTest {

	@Test
	void theOpeningValuesComeBackAsTheyWereWithoutVersionOrCustomFields() {
		AccountInput opened = input("Acme 华东", "Line 1\n上海", new BigDecimal("1200.50"), List.of("lin", "wang"), true);
		AccountInput back = EditBaseline.read(EditBaseline.of(opened)).orElseThrow();
		assertThat(back.name()).isEqualTo("Acme 华东");
		assertThat(back.address()).isEqualTo("Line 1\n上海");
		assertThat(back.annualRevenue()).isEqualByComparingTo("1200.50");
		assertThat(back.team()).containsExactly("lin", "wang");
		assertThat(back.keyAccountType()).isEqualTo(KeyAccountType.STRATEGIC);
		assertThat(back.channelPartner()).isTrue();
		assertThat(back.version()).isNull();
		assertThat(back.customFields()).isNull();
	}

	@Test
	void aValueTheFormSendsBackUnchangedCountsAsUntouched() {
		// What the form sent against what it was opened with: blank text for none, an
		// amount with another scale, the team in another order, an unticked box.
		AccountInput opened = input("Acme", null, new BigDecimal("1200.5"), List.of("lin", "wang"), null);
		AccountInput sent = input(" Acme ", "", new BigDecimal("1200.50"), List.of("wang", "lin", ""), false);
		AccountInput current = new AccountInput("Acme Group", null, null, null, "Harbour Road 8", null,
				new BigDecimal("900"), null, null, KeyAccountType.STRATEGIC, null, null, null, null, List.of("zhao"), 9,
				true, null);
		AccountInput merged = EditBaseline.merged(opened, sent, current);
		assertThat(merged.name()).isEqualTo("Acme Group");
		assertThat(merged.address()).isEqualTo("Harbour Road 8");
		assertThat(merged.annualRevenue()).isEqualByComparingTo("900");
		assertThat(merged.team()).containsExactly("zhao");
		assertThat(merged.channelPartner()).isTrue();
		assertThat(merged.version()).isEqualTo(9);
	}

	@Test
	void aValueTheEditorChangedIsKeptWhateverTheColleagueDid() {
		AccountInput opened = input("Acme", "Old Road 1", null, List.of(), false);
		AccountInput sent = input("Acme", "New Road 2", new BigDecimal("10"), List.of("lin"), true);
		AccountInput current = input("Acme", "Their Road 3", new BigDecimal("20"), List.of("wang"), false);
		AccountInput merged = EditBaseline.merged(opened, sent, current);
		assertThat(merged.address()).isEqualTo("New Road 2");
		assertThat(merged.annualRevenue()).isEqualByComparingTo("10");
		assertThat(merged.team()).containsExactly("lin");
		assertThat(merged.channelPartner()).isTrue();
	}

	@Test
	void aBaselineThatIsNotOneReadsAsNone() {
		assertThat(EditBaseline.read(null)).isEmpty();
		assertThat(EditBaseline.read("  ")).isEmpty();
		assertThat(EditBaseline.read("not base64 at all!")).isEmpty();
		assertThat(EditBaseline.read("eyJuYW1lIjo")).isEmpty();
	}

	private static AccountInput input(String name, String address, BigDecimal revenue, List<String> team,
			Boolean channelPartner) {
		return new AccountInput(name, null, null, null, address, null, revenue, null, null, KeyAccountType.STRATEGIC,
				null, null, null, null, team, 7, channelPartner, null);
	}

}
