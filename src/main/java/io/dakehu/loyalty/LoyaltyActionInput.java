package io.dakehu.loyalty;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A loyalty action as planned or revised.
 *
 * @param owner the username of who carries it out; the planner when none is given
 * @param reason why it is worth its cost, for the approver; optional
 * @param version the version revised, for a revision
 */
public record LoyaltyActionInput(@NotNull Long accountId, @NotNull LoyaltyType type, String owner,
		@NotNull LocalDate plannedOn, @NotNull @PositiveOrZero @Digits(integer = 17, fraction = 2) BigDecimal budget,
		@Size(max = 2000) String description, @Size(max = 2000) String reason, Integer version) {
}
