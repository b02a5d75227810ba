package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.contract.ContractRef;
import io.dakehu.contract.Contracts;
import io.dakehu.contract.PaymentMethod;
import io.dakehu.contract.ReceiptInput;
import io.dakehu.contract.Receipts;
import jakarta.validation.Validator;

/**
 * Receipts (回款) as an ERP exports them: the contract's number, the day the money came,
 * the amount, how it was paid and the bank's reference. Each receipt is allocated to the
 * contract's instalments oldest due first, in file order, as one typed in would be; a
 * chunk of rows is written as one batch ({@link Receipts#recordAll}). A contract the
 * importing user may not see reads as unknown, a draft takes no money, and the day may
 * not lie in the future.
 */
final class ReceiptImporter implements RecordImporter {

	static final List<Column> COLUMNS = List.of(
			Column.required("contract", "contract number", "contract no", "contract no.", "合同", "合同编号", "合同号"),
			Column.required("date", "received on", "receipt date", "date received", "回款日期", "到账日期", "收款日期"),
			Column.required("amount", "receipt amount", "amount received", "回款金额", "收款金额", "到账金额"),
			Column.required("method", "payment method", "回款方式", "付款方式", "收款方式"),
			Column.optional("reference", "bank reference", "voucher", "凭证号", "流水号", "银行流水号"));

	private final Contracts contracts;

	private final Receipts receipts;

	private final Map<String, PaymentMethod> methodNames;

	private final Validator validator;

	private final Clock clock;

	/**
	 * @param methodNames every name the interface shows for a payment method, in each of
	 * its languages, and the codes, keyed as {@link Column#key} compares them
	 */
	ReceiptImporter(Contracts contracts, Receipts receipts, Map<String, PaymentMethod> methodNames, Validator validator,
			Clock clock) {
		this.contracts = contracts;
		this.receipts = receipts;
		this.methodNames = methodNames;
		this.validator = validator;
		this.clock = clock;
	}

	@Override
	public List<Column> columns() {
		return COLUMNS;
	}

	@Override
	public void check(List<Row> rows, ImportContext context) {
		Set<String> numbers = new HashSet<>();
		for (Row row : rows) {
			if (row.get("contract") != null) {
				numbers.add(row.get("contract").strip());
			}
		}
		Map<String, ContractRef> known = this.contracts.byNumbers(context.editor().scope(), numbers);
		LocalDate today = LocalDate.now(this.clock);
		for (Row row : rows) {
			String number = Cells.required(row, "contract", 100, context);
			ContractRef contract = (number != null) ? known.get(number.strip()) : null;
			if (number != null && contract == null) {
				context.reject(row, "contract", "import.unknownContract", null);
			}
			else if (contract != null && !contract.takesReceipts()) {
				context.reject(row, "contract", "import.draftContract", null);
			}
			LocalDate date = Cells.date(row, "date", context);
			if (row.get("date") == null) {
				context.reject(row, "date", "import.required", null);
			}
			else if (date != null && date.isAfter(today)) {
				context.reject(row, "date", "validation.contract.receiptInFuture", null);
			}
			BigDecimal amount = Cells.decimal(row, "amount", Cells.MONEY, context);
			if (row.get("amount") == null) {
				context.reject(row, "amount", "import.required", null);
			}
			else if (amount != null && amount.signum() <= 0) {
				context.reject(row, "amount", "import.notPositive", null);
			}
			String methodName = Cells.required(row, "method", 100, context);
			PaymentMethod method = (methodName != null) ? this.methodNames.get(Column.key(methodName)) : null;
			if (methodName != null && method == null) {
				context.reject(row, "method", "import.unknownPaymentMethod", null);
			}
			String reference = Cells.text(row, "reference", 200, context);
			if (row.rejected() || contract == null) {
				continue;
			}
			ReceiptInput input = new ReceiptInput(contract.id(), date, amount, method, reference);
			if (Checks.valid(this.validator, input, row, context)) {
				row.prepare(input);
			}
		}
	}

	@Override
	public int write(List<Row> rows, ImportContext context) {
		List<ReceiptInput> inputs = new ArrayList<>(rows.size());
		for (Row row : rows) {
			inputs.add(row.prepared());
		}
		return this.receipts.recordAll(context.editor(), inputs).size();
	}

}
