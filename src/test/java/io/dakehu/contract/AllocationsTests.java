package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.shared.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a receipt pays instalments: oldest due first, the rest as credit, and a user's
 * re-allocation checked against what each instalment owes.
 */
class AllocationsTests {

	private static final LocalDate JAN = LocalDate.of(2026, 1, 31);

	private static final LocalDate FEB = LocalDate.of(2026, 2, 28);

	private static final LocalDate MAR = LocalDate.of(2026, 3, 31);

	// Entered out of order on purpose: the due date decides, not the entry.
	private final List<Allocations.Open> plan = List.of(open(3, MAR, "30000.00"), open(1, JAN, "30000.00"),
			open(2, FEB, "40000.00"));

	@Test
	void aPartialPaymentGoesToTheOldestInstalmentOnly() {
		Allocations.Result result = Allocations.oldestFirst(this.plan, money("12000.50"));
		assertThat(result.shares()).containsExactly(share(1, "12000.50"));
		assertThat(result.credit()).isEqualByComparingTo("0");
	}

	@Test
	void aPaymentCoveringTwoInstalmentsPaysTheFirstInFullAndTheSecondInPart() {
		// 30,000 settles January; the remaining 45,000 − 30,000 = 15,000 goes to
		// February.
		Allocations.Result result = Allocations.oldestFirst(this.plan, money("45000"));
		assertThat(result.shares()).containsExactly(share(1, "30000.00"), share(2, "15000"));
		assertThat(result.credit()).isEqualByComparingTo("0");
	}

	@Test
	void anOverPaymentSettlesEverythingAndKeepsTheRestAsCredit() {
		// 100,000 is owed in all; 105,000 leaves 5,000 on the account.
		Allocations.Result result = Allocations.oldestFirst(this.plan, money("105000"));
		assertThat(result.shares()).containsExactly(share(1, "30000.00"), share(2, "40000.00"), share(3, "30000.00"));
		assertThat(result.credit()).isEqualByComparingTo("5000");
	}

	@Test
	void instalmentsAlreadyPaidAreSkipped() {
		List<Allocations.Open> partlyPaid = List.of(open(1, JAN, "0"), open(2, FEB, "2500"), open(3, MAR, "30000"));
		Allocations.Result result = Allocations.oldestFirst(partlyPaid, money("10000"));
		assertThat(result.shares()).containsExactly(share(2, "2500"), share(3, "7500"));
	}

	@Test
	void withNothingOwedTheWholeReceiptIsCredit() {
		Allocations.Result result = Allocations.oldestFirst(List.of(), money("800"));
		assertThat(result.shares()).isEmpty();
		assertThat(result.credit()).isEqualByComparingTo("800");
	}

	@Test
	void aManualAllocationPaysTheNamedInstalmentsAndLeavesTheRestAsCredit() {
		Map<Long, BigDecimal> wanted = new LinkedHashMap<>();
		wanted.put(3L, money("20000"));
		wanted.put(2L, money("5000"));
		Allocations.Result result = Allocations.manual(this.plan, money("30000"), wanted);
		assertThat(result.shares()).containsExactly(share(2, "5000"), share(3, "20000"));
		assertThat(result.credit()).isEqualByComparingTo("5000");
	}

	@Test
	void aManualShareAboveWhatTheInstalmentOwesIsRefused() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> Allocations.manual(this.plan, money("50000"), Map.of(1L, money("30000.01"))))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("allocations"))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("validation.contract.allocationOverInstalment"));
	}

	@Test
	void manualSharesAboveTheReceiptAreRefused() {
		Map<Long, BigDecimal> wanted = Map.of(1L, money("20000"), 2L, money("20000"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> Allocations.manual(this.plan, money("39999.99"), wanted))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("validation.contract.allocationOverReceipt"));
	}

	@Test
	void aManualShareOnAnInstalmentNotOwedOrNotPositiveIsRefused() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> Allocations.manual(this.plan, money("100"), Map.of(99L, money("100"))))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("validation.contract.allocationUnknown"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> Allocations.manual(this.plan, money("100"), Map.of(1L, money("0"))))
			.satisfies((ex) -> assertThat(ex.messageKey()).isEqualTo("validation.contract.allocationPositive"));
	}

	private static Allocations.Open open(long id, LocalDate due, String outstanding) {
		return new Allocations.Open(id, due, money(outstanding));
	}

	private static Allocations.Share share(long id, String amount) {
		return new Allocations.Share(id, money(amount));
	}

	private static BigDecimal money(String amount) {
		return new BigDecimal(amount);
	}

}
