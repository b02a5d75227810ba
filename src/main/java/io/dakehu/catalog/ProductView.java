package io.dakehu.catalog;

import java.math.BigDecimal;

/**
 * A product as lists, the API and other modules see it.
 */
public record ProductView(long id, String code, String name, String productLine, BigDecimal listPrice,
		BigDecimal unitCost, boolean active) {
}
