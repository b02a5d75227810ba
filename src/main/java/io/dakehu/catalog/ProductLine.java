package io.dakehu.catalog;

import java.time.LocalDateTime;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A product line or series, such as "GTX": the level at which the ledger sums purchases.
 */
@Table("product_line")
class ProductLine {

	@Id
	private Long id;

	private String name;

	private LocalDateTime createdAt;

	@Version
	private int version;

	private ProductLine() {
	}

	static ProductLine named(String name, LocalDateTime now) {
		ProductLine line = new ProductLine();
		line.name = name.strip();
		line.createdAt = now;
		return line;
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

}
