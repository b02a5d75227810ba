package io.dakehu.contract;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** A product line of a contract: a catalog product or a description, and its amount. */
public record LineInput(Long productId, @Size(max = 500) String description,
		@NotNull @Positive @Digits(integer = 17, fraction = 2) BigDecimal amount) {
}
