package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A contract as entered. Without a number one is drawn from the yearly sequence; without
 * an owner the account's owner holds it. Lines, when given, and instalments, when given,
 * add up to the amount. {@code version} is required for an update.
 */
public record ContractInput(@Size(max = 60) String number, @NotNull Long accountId, Long opportunityId,
		@NotNull LocalDate signedDate, LocalDate startDate, LocalDate endDate,
		@NotNull @Positive @Digits(integer = 17, fraction = 2) BigDecimal amount, @Size(max = 500) String paymentTerms,
		String owner, List<@Valid LineInput> lines, List<@Valid InstalmentInput> instalments, Integer version) {
}
