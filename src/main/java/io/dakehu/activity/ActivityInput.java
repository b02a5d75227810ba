package io.dakehu.activity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * An activity as entered: participants are contact ids of the same account and usernames
 * of our people.
 */
public record ActivityInput(@NotNull ActivityType type, @NotNull LocalDateTime occurredAt,
		@PositiveOrZero @Max(10_080) Integer durationMinutes,
		@DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal cost,
		@NotBlank @Size(max = 2000) String summary, @Size(max = 500) String nextStep, LocalDate nextContactDate,
		List<Long> contactIds, List<@Size(max = 50) String> participants, Integer version) {
}
