package io.dakehu.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Contract numbers formatted by the configurable pattern. */
class ContractNumbersTests {

	@Test
	void theDefaultPatternPadsTheYearlySequenceToFiveDigits() {
		assertThat(ContractNumbers.format("HT-{year}-{seq:5}", 2026, 42)).isEqualTo("HT-2026-00042");
	}

	@Test
	void aSequenceLongerThanItsWidthIsKeptWhole() {
		assertThat(ContractNumbers.format("HT{year}{seq:3}", 2027, 12345)).isEqualTo("HT202712345");
		assertThat(ContractNumbers.format("C-{seq}", 2026, 7)).isEqualTo("C-7");
	}

}
