package io.dakehu.dataimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.CurrentUser;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCriteria;
import io.dakehu.order.OrderCriteria;
import io.dakehu.order.OrderLedger;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports of the lists a user can see, limited by their record scope exactly as the lists
 * are. The header names are ones the importer recognises, so an export imports back.
 */
@Service
@Transactional(readOnly = true)
public class Exports {

	/**
	 * What can be exported.
	 */
	public enum Kind {

		ACCOUNTS, ORDERS, OPPORTUNITIES;

		public static Kind parse(String text) {
			return Arrays.stream(values())
				.filter((kind) -> kind.name().equalsIgnoreCase((text != null) ? text.strip() : ""))
				.findFirst()
				.orElseThrow(() -> new RuleViolationException("type", "export.unknownType", text));
		}

	}

	private final AccountQueries accounts;

	private final OrderLedger ledger;

	private final Opportunities opportunities;

	Exports(AccountQueries accounts, OrderLedger ledger, Opportunities opportunities) {
		this.accounts = accounts;
		this.ledger = ledger;
		this.opportunities = opportunities;
	}

	/**
	 * Writes the export to the stream.
	 * @param format {@code csv} or {@code xlsx}
	 */
	public void export(CurrentUser reader, Kind kind, String format, OutputStream out) {
		try (SheetWriter sheet = writer(format, out)) {
			switch (kind) {
				case ACCOUNTS -> accounts(reader,
						new AccountCriteria(null, null, null, null, null, null, false, null, "created", false), null,
						sheet);
				case ORDERS -> orders(reader, sheet);
				case OPPORTUNITIES -> opportunities(reader, sheet);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the accounts the account list shows for these filters, in its order: what
	 * the user sees is what the file holds, limited by the same record scope.
	 * @param segment the list's condition from another module (the tier filter); null for
	 * none
	 */
	public void exportAccounts(CurrentUser reader, AccountCriteria criteria, AccountScopeSql segment, String format,
			OutputStream out) {
		try (SheetWriter sheet = writer(format, out)) {
			accounts(reader, criteria, segment, sheet);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static boolean isXlsx(String format) {
		String normalised = (format != null) ? format.strip().toLowerCase(Locale.ROOT) : "csv";
		if (!normalised.equals("csv") && !normalised.equals("xlsx")) {
			throw new RuleViolationException("format", "export.unknownFormat", format);
		}
		return normalised.equals("xlsx");
	}

	private static SheetWriter writer(String format, OutputStream out) throws IOException {
		return isXlsx(format) ? SheetWriter.xlsx(out) : SheetWriter.csv(out);
	}

	private void accounts(CurrentUser reader, AccountCriteria criteria, AccountScopeSql segment, SheetWriter sheet)
			throws IOException {
		sheet.row(List.of("name", "registration_id", "industry", "region", "address", "employees", "annual_revenue",
				"parent", "owner", "description"));
		for (int page = 0;; page++) {
			PageResult<AccountRow> rows = this.accounts.search(reader.scope(), criteria,
					new PageRequest(page, PageRequest.MAX_SIZE), segment);
			for (AccountRow row : rows.content()) {
				AccountDetails a = this.accounts.details(reader.scope(), row.id());
				sheet.row(Arrays.asList(a.name(), a.registrationId(), a.industry(), a.region(), a.address(),
						a.employees(), a.annualRevenue(), a.parentName(), a.ownerUsername(), a.description()));
			}
			if (!rows.hasNext()) {
				break;
			}
		}
	}

	private void orders(CurrentUser reader, SheetWriter sheet) throws IOException {
		sheet.row(List.of("account", "date", "product", "quantity", "amount", "cost", "salesperson", "reference",
				"source"));
		this.ledger.forEach(reader.scope(), OrderCriteria.all(),
				(line) -> write(sheet,
						Arrays.asList(line.accountName(), line.date(), line.productName(), line.quantity(),
								line.amount(), line.cost(), line.salesperson(), line.externalRef(), line.source())));
	}

	private void opportunities(CurrentUser reader, SheetWriter sheet) throws IOException {
		sheet.row(List.of("reference", "owner", "product", "account", "stage", "engage_date", "close_date", "amount"));
		this.opportunities.forEach(reader.scope(), OpportunityCriteria.all(),
				(o) -> write(sheet, Arrays.asList(o.externalRef(), o.owner(), o.productName(), o.accountName(),
						o.stage().name(), o.engageDate(), o.closeDate(), o.amount())));
	}

	private static void write(SheetWriter sheet, List<?> cells) {
		try {
			sheet.row(cells);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
