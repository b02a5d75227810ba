package io.dakehu.catalog;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A product as entered or imported. An empty code is derived from the name; the product
 * line is named and created when it does not exist yet.
 */
public record ProductInput(@Size(max = 50) String code, @NotBlank @Size(max = 200) String name,
		@Size(max = 100) String productLine, @DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal listPrice,
		@DecimalMin("0") @Digits(integer = 17, fraction = 2) BigDecimal unitCost) {
}
