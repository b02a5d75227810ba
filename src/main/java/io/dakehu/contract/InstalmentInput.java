package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** One instalment of a payment plan. */
public record InstalmentInput(@NotNull LocalDate dueDate,
		@NotNull @Positive @Digits(integer = 17, fraction = 2) BigDecimal amount) {
}
