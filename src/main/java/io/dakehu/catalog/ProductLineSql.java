package io.dakehu.catalog;

import org.springframework.modulith.NamedInterface;

/**
 * Each product's line, as a derived table other modules compose into set-based SQL (the
 * whitespace matrix sums purchases and deals by product line). Columns:
 * {@code product_id}, {@code product_line_id}; products without a line have no row.
 */
@NamedInterface("sql")
public final class ProductLineSql {

	/** The derived table; it has no parameters. */
	public static final String TABLE = """
			(select p.id as product_id, p.product_line_id from product p where p.product_line_id is not null)""";

	private ProductLineSql() {
	}

}
