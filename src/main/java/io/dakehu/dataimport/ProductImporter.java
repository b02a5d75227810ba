package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductInput;
import io.dakehu.catalog.ProductMatcher;
import jakarta.validation.Validator;

/**
 * Products with their product line (created on first use) and prices. A product whose
 * name or code the catalogue already has is rejected as a duplicate.
 */
final class ProductImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(Column.optional("code", "product code", "产品编号", "编码", "产品编码"),
			Column.required("name", "product", "product name", "产品", "产品名称", "名称"),
			Column.optional("productLine", "product line", "series", "产品线", "系列"),
			Column.optional("listPrice", "list price", "price", "sales price", "标价", "单价", "价格"),
			Column.optional("unitCost", "unit cost", "cost", "成本", "单位成本"));

	private final Catalog catalog;

	private final ProductMatcher existing;

	private final Validator validator;

	private final LongHashSet seen = new LongHashSet();

	ProductImporter(Catalog catalog, Validator validator) {
		this.catalog = catalog;
		this.existing = catalog.matcher();
		this.validator = validator;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			String name = Cells.required(row, "name", 200, context);
			String code = row.get("code");
			BigDecimal listPrice = Cells.decimal(row, "listPrice", Cells.MONEY, context);
			BigDecimal unitCost = Cells.decimal(row, "unitCost", Cells.MONEY, context);
			if (name == null || row.rejected()) {
				continue;
			}
			ProductInput input = new ProductInput(code, name, row.get("productLine"), listPrice, unitCost);
			if (!Checks.valid(this.validator, input, row, context)) {
				continue;
			}
			if (this.existing.find(name).isPresent() || (code != null && this.existing.find(code).isPresent())) {
				context.reject(row, "name", "import.duplicateStored", null);
			}
			else if (!this.seen.add(LongHashSet.hash(key(name)))
					|| (code != null && !this.seen.add(LongHashSet.hash("code:" + code.toLowerCase(Locale.ROOT))))) {
				context.reject(row, "name", "import.duplicateInFile", null);
			}
			else {
				row.prepare(input);
			}
		}
	}

	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		for (Row row : rows) {
			this.catalog.add(row.prepared());
		}
		return rows.size();
	}

}
