package io.dakehu.order;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import io.dakehu.catalog.ProductLineSql;

import org.springframework.modulith.NamedInterface;

/**
 * How many of our product lines each account bought in a period, as a derived table for
 * set-based reports (the standard questions, DOMAIN.md §11: which customers buy only one
 * or two of our product lines). Columns: {@code account_id}, {@code product_lines} (the
 * distinct lines of the products bought; lines of products without a line, or without a
 * product, name none) and {@code revenue} (everything bought in the period). Only
 * accounts that bought in the period have a row.
 */
@NamedInterface("sql")
public record PurchasedLinesSql(String table, Map<String, Object> params) {

	private static final String LINES = """
			(select pl.account_id, count(distinct pm.product_line_id) as product_lines, sum(pl.amount) as revenue
			 from order_line pl
			 left join %s pm on pm.product_id = pl.product_id
			 where pl.order_date between :linesFrom and :linesTo
			 group by pl.account_id)""";

	/** Purchases from {@code from} to {@code to}, both included. */
	public static PurchasedLinesSql between(LocalDate from, LocalDate to) {
		Map<String, Object> params = new HashMap<>();
		params.put("linesFrom", from);
		params.put("linesTo", to);
		return new PurchasedLinesSql(LINES.formatted(ProductLineSql.products()), params);
	}

}
