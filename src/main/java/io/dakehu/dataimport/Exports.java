package io.dakehu.dataimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCriteria;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.order.OrderCriteria;
import io.dakehu.order.OrderLedger;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableWriter;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports of the lists a user can see, limited by their record scope exactly as the lists
 * are. The header names are ones the importer recognises, so an export imports back.
 * Lists that belong to other modules (segmentation, relationships, users) export
 * themselves through {@link TableWriter}, so they need not depend on this module.
 */
@Service
@Transactional(readOnly = true)
public class Exports {

	/**
	 * What can be exported.
	 */
	public enum Kind {

		ACCOUNTS, ORDERS, OPPORTUNITIES, CONTACTS;

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

	private final Contacts contacts;

	private final Pipeline pipeline;

	Exports(AccountQueries accounts, OrderLedger ledger, Opportunities opportunities, Contacts contacts,
			Pipeline pipeline) {
		this.accounts = accounts;
		this.ledger = ledger;
		this.opportunities = opportunities;
		this.pipeline = pipeline;
		this.contacts = contacts;
	}

	/**
	 * Writes the export to the stream.
	 * @param format {@code csv} or {@code xlsx}
	 */
	public void export(CurrentUser reader, Kind kind, String format, OutputStream out) {
		try (TableWriter sheet = TableWriter.of(ExportFormat.parse(format), out)) {
			export(reader, kind, sheet);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the export, header first, to a table the caller finishes.
	 */
	public void export(CurrentUser reader, Kind kind, TableWriter sheet) throws IOException {
		switch (kind) {
			case ACCOUNTS ->
				accounts(reader, new AccountCriteria(null, null, null, null, null, null, false, null, "created", false),
						null, sheet);
			case ORDERS -> orders(reader, sheet);
			case OPPORTUNITIES -> opportunities(reader, sheet);
			case CONTACTS -> contacts(reader, sheet);
		}
	}

	/**
	 * Writes the accounts the account list shows for these filters, in its order: what
	 * the user sees is what the file holds, limited by the same record scope.
	 * @param segment the list's condition from another module (the tier filter); null for
	 * none
	 */
	public void exportAccounts(CurrentUser reader, AccountCriteria criteria, AccountScopeSql segment, TableWriter sheet)
			throws IOException {
		accounts(reader, criteria, segment, sheet);
	}

	private void accounts(CurrentUser reader, AccountCriteria criteria, AccountScopeSql segment, TableWriter sheet)
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

	private void orders(CurrentUser reader, TableWriter sheet) throws IOException {
		sheet.row(List.of("account", "date", "product", "quantity", "amount", "cost", "salesperson", "reference",
				"source"));
		this.ledger.forEach(reader.scope(), OrderCriteria.all(),
				(line) -> write(sheet,
						Arrays.asList(line.accountName(), line.date(), line.productName(), line.quantity(),
								line.amount(), line.cost(), line.salesperson(), line.externalRef(), line.source())));
	}

	private void opportunities(CurrentUser reader, TableWriter sheet) throws IOException {
		opportunities(sheet, (row) -> this.opportunities.forEach(reader.scope(), OpportunityCriteria.all(), row));
	}

	/**
	 * Writes the opportunities the opportunity list shows for this filter, in its order,
	 * within the same record scope.
	 * @param openOnly leave won and lost opportunities out, as the list does unless asked
	 */
	public void exportOpportunities(CurrentUser reader, PipelineFilter filter, boolean openOnly, OpportunitySort sort,
			TableWriter sheet) throws IOException {
		opportunities(sheet, (row) -> this.pipeline.forEach(reader, filter, openOnly, sort, row));
	}

	private void opportunities(TableWriter sheet, Consumer<Consumer<OpportunityView>> source) throws IOException {
		sheet.row(List.of("reference", "owner", "product", "account", "stage", "engage_date", "close_date", "amount"));
		source.accept((o) -> write(sheet, Arrays.asList(o.externalRef(), o.owner(), o.productName(), o.accountName(),
				o.stage().name(), o.engageDate(), o.closeDate(), o.amount())));
	}

	/**
	 * Contacts with the importer's contact columns; the account is named, as the contact
	 * importer finds it.
	 */
	private void contacts(CurrentUser reader, TableWriter sheet) throws IOException {
		sheet.row(List.of("account", "name", "title", "department", "phone", "email", "birthday", "notes"));
		this.contacts.forEachVisible(reader.scope(), (account, c) -> write(sheet, Arrays.asList(account, c.name(),
				c.title(), c.department(), c.phone(), c.email(), c.birthday(), c.notes())));
	}

	private static void write(TableWriter sheet, List<?> cells) {
		try {
			sheet.row(cells);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
