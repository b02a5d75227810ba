package io.dakehu.catalog;

import org.springframework.modulith.NamedInterface;

/**
 * Which product line each product belongs to, as SQL for other modules' set-based reports
 * (how many of our product lines a customer buys, DOMAIN.md §11). Products without a line
 * are left out.
 */
@NamedInterface("sql")
public final class ProductLineSql {

	private ProductLineSql() {
	}

	/**
	 * A parenthesised sub-select without parameters, with columns {@code product_id} and
	 * {@code product_line_id}.
	 */
	public static String products() {
		return "(select pp.id as product_id, pp.product_line_id from product pp where pp.product_line_id is not null)";
	}

	/** A scalar sub-select: how many product lines the catalog has. */
	public static String lineCount() {
		return "(select count(*) from product_line)";
	}

}
