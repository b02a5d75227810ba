package io.dakehu.order;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A purchase as typed on the account page or sent to the API.
 *
 * @param quantity one when left out
 * @param cost what the goods cost us; left out, the catalogue's unit cost of the product
 * applies where it has one
 */
public record OrderEntry(Long accountId, LocalDate date, Long productId, BigDecimal quantity, BigDecimal amount,
		BigDecimal cost) {
}
