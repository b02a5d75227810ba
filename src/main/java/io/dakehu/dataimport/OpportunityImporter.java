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
import java.util.function.Function;

import io.dakehu.account.AccountQueries;
import io.dakehu.catalog.ProductMatcher;
import io.dakehu.catalog.ProductView;
import io.dakehu.customfield.CustomField;
import io.dakehu.identity.UserSummary;
import io.dakehu.opportunity.NewOpportunity;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCustomFields;
import io.dakehu.opportunity.Stage;
import io.dakehu.order.NewOrderLine;
import io.dakehu.order.OrderLedger;
import io.dakehu.shared.RuleViolationException;

/**
 * Opportunities, such as a CRM export. The owner defaults to the importing user; early
 * stages may lack an account. Each won opportunity also becomes an order line (quantity
 * 1, the close date and amount, reference {@code opportunity/<reference>}) so the
 * purchase ledger and segmentation see the sale. References seen are looked up in the
 * database per chunk, as for order lines ({@link #keysInDatabase}). Each active custom
 * field of opportunities is a column too, recognised by its key and labels, and checked
 * as the form checks it (decision 0048).
 */
final class OpportunityImporter implements RecordImporter {

	static final String ORDER_REFERENCE_PREFIX = "opportunity/";

	static final List<Column> COLUMNS = List.of(
			Column.optional("reference", "opportunity id", "opportunityid", "external ref", "商机编号", "编号"),
			Column.optional("name", "opportunity name", "opportunity", "deal", "deal name", "商机名称", "商机"),
			Column.optional("owner", "sales agent", "salesperson", "负责人", "销售员", "业务员"),
			Column.optional("product", "产品", "产品名称"),
			Column.optional("account", "customer", "account name", "客户", "客户名称"),
			Column.required("stage", "deal stage", "dealstage", "阶段", "商机阶段"),
			Column.optional("engageDate", "engage date", "engaged", "接触日期", "开始日期"),
			Column.optional("expectedCloseDate", "expected close", "expected close date", "预计成交日期", "预计关闭日期"),
			Column.optional("closeDate", "close date", "成交日期", "关闭日期", "结束日期"),
			Column.optional("amount", "close value", "value", "金额", "商机金额", "成交金额"));

	/**
	 * Names of the first import format that the interface does not show (any more).
	 */
	private static final Map<String, Stage> FORMER_NAMES = Map.of("初步接触", Stage.PROBLEM_RECOGNITION, "潜在",
			Stage.PROBLEM_RECOGNITION, "跟进中", Stage.SUPPLIER_SEARCH, "洽谈中", Stage.SUPPLIER_SEARCH, "成交", Stage.WON,
			"失败", Stage.LOST);

	private final AccountQueries accounts;

	private AccountLookup lookup;

	private final Opportunities opportunities;

	private final OrderLedger ledger;

	private final ProductMatcher products;

	private final People people;

	private final Map<String, Stage> stageNames;

	/** The custom fields of opportunities, read once per import. */
	private final List<CustomField> customFields;

	private final OpportunityCustomFields customValues;

	private final Function<RuleViolationException, String> refusal;

	/**
	 * @param stageNames every name the interface shows for a stage, in each of its
	 * languages, and the codes, keyed as {@link Column#key} compares them
	 * @param refusal a custom field's refused value as the import's errors word it
	 */
	OpportunityImporter(AccountQueries accounts, Opportunities opportunities, OrderLedger ledger,
			ProductMatcher products, People people, Map<String, Stage> stageNames, OpportunityCustomFields customFields,
			Function<RuleViolationException, String> refusal) {
		this.customValues = customFields;
		this.customFields = customFields.active();
		this.refusal = refusal;
		this.accounts = accounts;
		this.opportunities = opportunities;
		this.ledger = ledger;
		this.products = products;
		this.people = people;
		this.stageNames = stageNames;
	}

	@Override
	public List<Column> columns() {
		return columns(this.customFields);
	}

	/** The built-in columns and one per custom field, as for accounts. */
	static List<Column> columns(List<CustomField> customFields) {
		return Column.withCustomFields(COLUMNS, customFields);
	}

	/**
	 * The stage a cell names: a label the interface shows (English or Chinese), a code,
	 * or a name of the first import format.
	 * @return null when it names none
	 */
	Stage stage(String text) {
		Stage named = this.stageNames.get(Column.key(text));
		if (named == null) {
			named = FORMER_NAMES.get(text.strip());
		}
		return (named != null) ? named : Stage.parse(text);
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		if (this.lookup == null) {
			this.lookup = new AccountLookup(this.accounts, context.editor().scope());
		}
		AccountLookup lookup = this.lookup;
		lookup.load(rows, "account");
		String source = context.request().sourceOrDefault();
		// This chunk's references; earlier chunks are in the database.
		Set<String> chunkReferences = new HashSet<>();
		for (Row row : rows) {
			String reference = Cells.text(row, "reference", 100, context);
			UserSummary owner = this.people.require(row, "owner", context, context.editor().scope());
			ProductView product = OrderImporter.product(this.products, row, "product", context);
			Long accountId = lookup.require(row, "account", context);
			String name = Cells.text(row, "name", 200, context);
			String stageName = Cells.required(row, "stage", 100, context);
			Stage stage = (stageName != null) ? stage(stageName) : null;
			if (stageName != null && stage == null) {
				context.reject(row, "stage", "import.unknownStage", null);
			}
			LocalDate engageDate = Cells.date(row, "engageDate", context);
			LocalDate expectedCloseDate = Cells.date(row, "expectedCloseDate", context);
			LocalDate closeDate = Cells.date(row, "closeDate", context);
			BigDecimal amount = Cells.decimal(row, "amount", Cells.MONEY, context);
			if (reference != null && chunkReferences.contains(reference)) {
				context.reject(row, "reference", "import.duplicateInFile", null);
			}
			Map<String, Object> custom = customValues(row, context);
			if (row.rejected()) {
				continue;
			}
			long ownerId = (owner != null) ? owner.id() : context.editor().id();
			try {
				NewOpportunity opportunity = new NewOpportunity(accountId, ownerId,
						(product != null) ? product.id() : null, stage, engageDate, closeDate, amount, source,
						reference, name, expectedCloseDate, custom);
				NewOrderLine order = (stage == Stage.WON) ? new NewOrderLine(accountId, closeDate,
						opportunity.productId(), BigDecimal.ONE, amount, cost(product), ownerId, source,
						(reference != null) ? ORDER_REFERENCE_PREFIX + reference : null) : null;
				row.prepare(new Prepared(opportunity, order));
				if (reference != null) {
					chunkReferences.add(reference);
				}
			}
			catch (RuleViolationException ex) {
				context.reject(row, ex, "stage");
			}
		}
	}

	/**
	 * The row's custom field values, checked as the form checks them; empty when the
	 * import has no such columns, and the row rejected when one is refused.
	 */
	private Map<String, Object> customValues(Row row, ImportContext context) {
		if (this.customFields.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> given = new HashMap<>();
		for (CustomField field : this.customFields) {
			if (row.has(field.errorField())) {
				given.put(field.key(), row.get(field.errorField()));
			}
		}
		try {
			return this.customValues.checkNew(this.customFields, given);
		}
		catch (RuleViolationException ex) {
			context.reject(row, row.has(ex.field()) ? ex.field() : null, "customField.import.refused",
					this.refusal.apply(ex));
			return Map.of();
		}
	}

	@Override
	public boolean keysInDatabase() {
		return true;
	}

	private static BigDecimal cost(ProductView product) {
		return (product != null) ? product.unitCost() : null;
	}

	/**
	 * A reference is taken when an opportunity has it, or, for a won one, when the ledger
	 * has its order line.
	 */
	@Override
	public int rejectTaken(List<Row> rows, ImportContext context) {
		List<Row> referenced = rows.stream()
			.filter((row) -> !row.rejected() && row.prepared() != null
					&& row.<Prepared>prepared().opportunity().externalRef() != null)
			.toList();
		if (referenced.isEmpty()) {
			return 0;
		}
		String source = context.request().sourceOrDefault();
		List<String> references = referenced.stream()
			.map((row) -> row.<Prepared>prepared().opportunity().externalRef())
			.toList();
		Map<String, LocalDateTime> stored = this.opportunities.storedReferences(source, references);
		Map<String, LocalDateTime> storedOrders = this.ledger.storedReferences(source,
				references.stream().map((reference) -> ORDER_REFERENCE_PREFIX + reference).toList());
		int rejected = 0;
		for (Row row : referenced) {
			Prepared prepared = row.prepared();
			String reference = prepared.opportunity().externalRef();
			LocalDateTime writtenAt = stored.get(reference);
			if (writtenAt == null && prepared.order() != null) {
				writtenAt = storedOrders.get(ORDER_REFERENCE_PREFIX + reference);
			}
			if (writtenAt != null) {
				context.rejectTaken(row, "reference", writtenAt);
				rejected++;
			}
		}
		return rejected;
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		List<NewOpportunity> batch = new ArrayList<>(rows.size());
		List<NewOrderLine> orders = new ArrayList<>();
		for (Row row : rows) {
			Prepared prepared = row.prepared();
			batch.add(prepared.opportunity());
			if (prepared.order() != null) {
				orders.add(prepared.order());
			}
		}
		this.ledger.append(orders);
		return this.opportunities.append(batch);
	}

	private record Prepared(NewOpportunity opportunity, NewOrderLine order) {
	}

}
