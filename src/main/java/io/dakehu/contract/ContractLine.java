package io.dakehu.contract;

import java.math.BigDecimal;

import org.springframework.data.relational.core.mapping.Table;

/** A product the contract sells with its share of the amount. */
@Table("contract_line")
record ContractLine(Long productId, String description, BigDecimal amount) {
}
