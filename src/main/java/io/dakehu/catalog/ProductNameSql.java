package io.dakehu.catalog;

import org.springframework.modulith.NamedInterface;

/**
 * A product's name for other modules' lists, as a join that brings it next to their rows:
 * a page of rows then reads its products' names in its own statement instead of one more
 * round trip to the database after it (decision 0081).
 */
@NamedInterface("sql")
public final class ProductNameSql {

	private ProductNameSql() {
	}

	/**
	 * A left join of the product under {@code alias}.
	 * @param productIdColumn the caller's column holding the product id, such as
	 * {@code x.product_id}
	 */
	public static String join(String alias, String productIdColumn) {
		return " left join product " + alias + " on " + alias + ".id = " + productIdColumn;
	}

	/** The column of the joined product holding its name. */
	public static String name(String alias) {
		return alias + ".name";
	}

}
