package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountQueries;
import io.dakehu.catalog.ProductMatcher;
import io.dakehu.catalog.ProductView;
import io.dakehu.identity.UserSummary;
import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.shared.RuleViolationException;

/**
 * Order lines from an ERP export: account and product by name, quantity defaulting to 1,
 * the reference unique per source (within the file and against what is stored). Files run
 * to millions of lines, so the references seen are not kept in memory: the ledger, which
 * holds the earlier chunks' lines in the open transaction, is asked per chunk
 * ({@link #keysInDatabase}); only the current chunk's references are held.
 */
final class OrderImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(Column.required("account", "customer", "account name", "客户", "客户名称"),
			Column.required("date", "order date", "orderdate", "日期", "订单日期", "交易日期"),
			Column.optional("product", "product name", "产品", "产品名称", "商品"), Column.optional("quantity", "qty", "数量"),
			Column.required("amount", "value", "sales amount", "金额", "销售额", "交易金额"), Column.optional("cost", "成本"),
			Column.optional("salesperson", "sales agent", "sales rep", "销售员", "业务员"),
			Column.optional("reference", "external ref", "externalref", "order id", "order no", "订单号", "单号", "参考号"),
			Column.optional("source", "来源"));

	/** A quantity: numeric(19, 4), as the order ledger keeps it. */
	static final Cells.Digits QUANTITY = new Cells.Digits(15, 4);

	private final AccountQueries accounts;

	private AccountLookup lookup;

	private final OrderLedger ledger;

	private final ProductMatcher products;

	private final People people;

	OrderImporter(AccountQueries accounts, OrderLedger ledger, ProductMatcher products, People people) {
		this.accounts = accounts;
		this.ledger = ledger;
		this.products = products;
		this.people = people;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		if (this.lookup == null) {
			this.lookup = new AccountLookup(this.accounts, context.editor().scope());
		}
		AccountLookup lookup = this.lookup;
		lookup.load(rows, "account");
		// Source and reference of this chunk's good rows: a clash inside the chunk would
		// fail its write as a whole, so it is found here; earlier chunks are in the
		// database.
		Set<String> chunkReferences = new HashSet<>();
		for (Row row : rows) {
			Long accountId = lookup.require(row, "account", context);
			LocalDate date = Cells.date(row, "date", context);
			ProductView product = product(this.products, row, "product", context);
			BigDecimal quantity = Cells.decimal(row, "quantity", QUANTITY, context);
			BigDecimal amount = Cells.decimal(row, "amount", Cells.MONEY, context);
			BigDecimal cost = Cells.decimal(row, "cost", Cells.MONEY, context);
			UserSummary salesperson = this.people.require(row, "salesperson", context, context.editor().scope());
			String source = Cells.text(row, "source", NewOrderLine.MAX_SOURCE_LENGTH, context);
			String reference = Cells.text(row, "reference", NewOrderLine.MAX_REFERENCE_LENGTH, context);
			if (source == null) {
				source = context.request().sourceOrDefault();
			}
			String key = (reference != null) ? source + '\u0000' + reference : null;
			if (key != null && chunkReferences.contains(key)) {
				context.reject(row, "reference", "import.duplicateInFile", null);
			}
			if (row.rejected() || accountId == null) {
				continue;
			}
			if (cost == null && product != null && product.unitCost() != null) {
				// No cost in the file: the catalogue's unit cost gives the margin.
				cost = product.unitCost().multiply((quantity != null) ? quantity : BigDecimal.ONE);
			}
			try {
				row.prepare(new NewOrderLine(accountId, date, (product != null) ? product.id() : null,
						(quantity != null) ? quantity : BigDecimal.ONE, amount, cost,
						(salesperson != null) ? salesperson.id() : null, source, reference));
				if (key != null) {
					chunkReferences.add(key);
				}
			}
			catch (RuleViolationException ex) {
				context.reject(row, ex, "amount");
			}
		}
	}

	@Override
	public boolean keysInDatabase() {
		return true;
	}

	/**
	 * Looks up the chunk's references per source: one indexed lookup per chunk (a file
	 * rarely has more than one source).
	 */
	@Override
	public int rejectTaken(List<Row> rows, ImportContext context) {
		Map<String, List<Row>> bySource = new HashMap<>();
		for (Row row : rows) {
			NewOrderLine line = row.prepared();
			if (!row.rejected() && line != null && line.externalRef() != null) {
				bySource.computeIfAbsent(line.source(), (s) -> new ArrayList<>()).add(row);
			}
		}
		int rejected = 0;
		for (Map.Entry<String, List<Row>> entry : bySource.entrySet()) {
			Map<String, LocalDateTime> stored = this.ledger.storedReferences(entry.getKey(),
					entry.getValue().stream().map((row) -> row.<NewOrderLine>prepared().externalRef()).toList());
			for (Row row : entry.getValue()) {
				LocalDateTime writtenAt = stored.get(row.<NewOrderLine>prepared().externalRef());
				if (writtenAt != null) {
					context.rejectTaken(row, "reference", writtenAt);
					rejected++;
				}
			}
		}
		return rejected;
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		List<NewOrderLine> lines = new ArrayList<>(rows.size());
		for (Row row : rows) {
			lines.add(row.prepared());
		}
		return this.ledger.append(lines);
	}

	/**
	 * The product a cell names; an unknown name is rejected with the closest catalogue
	 * name as a suggestion.
	 */
	static ProductView product(ProductMatcher products, Row row, String field, ImportContext context) {
		String name = row.get(field);
		if (name == null) {
			return null;
		}
		ProductView product = products.find(name).orElse(null);
		if (product == null) {
			String suggestion = products.suggest(name).map(ProductView::name).orElse(null);
			context.reject(row, field,
					(suggestion != null) ? "import.unknownProductDidYouMean" : "import.unknownProduct", suggestion);
		}
		return product;
	}

}
