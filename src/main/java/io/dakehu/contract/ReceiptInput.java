package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Money received on a contract, allocated oldest due first when recorded. */
public record ReceiptInput(@NotNull Long contractId, @NotNull LocalDate date,
		@NotNull @Positive @Digits(integer = 17, fraction = 2) BigDecimal amount, @NotNull PaymentMethod method,
		@Size(max = 200) String reference) {
}
