package io.dakehu.dataimport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountCustomFields;
import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.activity.LastContacts;
import io.dakehu.contact.Contacts;
import io.dakehu.customfield.CustomField;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCriteria;
import io.dakehu.opportunity.OpportunityCustomFields;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.order.OrderCriteria;
import io.dakehu.order.OrderLedger;
import io.dakehu.segmentation.LatestClasses;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableWriter;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports of the lists a user can see, limited by their record scope exactly as the lists
 * are. Headers and coded values (stages, types, statuses, tiers) are written in the
 * reader's language, as the pages show them; the header names are ones the importer
 * recognises in either language, so an export imports back. Lists that belong to other
 * modules (segmentation, relationships, users) export themselves through
 * {@link TableWriter}, so they need not depend on this module.
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

	private final LatestClasses classes;

	private final LastContacts lastContacts;

	private final Labels labels;

	private final Pipeline pipeline;

	private final AccountCustomFields customFields;

	private final CustomFields definitions;

	private final OpportunityCustomFields opportunityFields;

	Exports(AccountQueries accounts, OrderLedger ledger, Opportunities opportunities, Contacts contacts,
			LatestClasses classes, LastContacts lastContacts, Labels labels, Pipeline pipeline,
			AccountCustomFields customFields, CustomFields definitions, OpportunityCustomFields opportunityFields) {
		this.customFields = customFields;
		this.definitions = definitions;
		this.opportunityFields = opportunityFields;
		this.accounts = accounts;
		this.ledger = ledger;
		this.opportunities = opportunities;
		this.pipeline = pipeline;
		this.contacts = contacts;
		this.classes = classes;
		this.lastContacts = lastContacts;
		this.labels = labels;
	}

	/**
	 * Writes the export to the stream.
	 * @param format {@code csv} or {@code xlsx}
	 */
	public void export(CurrentUser reader, Kind kind, String format, Locale locale, OutputStream out) {
		try (TableWriter sheet = TableWriter.of(ExportFormat.parse(format), out)) {
			export(reader, kind, locale, sheet);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes the export, header first, to a table the caller finishes.
	 * @param locale the reader's language, for the header and the coded values
	 */
	public void export(CurrentUser reader, Kind kind, Locale locale, TableWriter sheet) throws IOException {
		switch (kind) {
			case ACCOUNTS ->
				accounts(reader, new AccountCriteria(null, null, null, null, null, null, false, null, "created", false),
						null, locale, sheet);
			case ORDERS -> orders(reader, locale, sheet);
			case OPPORTUNITIES -> opportunities(reader, locale, sheet);
			case CONTACTS -> contacts(reader, locale, sheet);
		}
	}

	/**
	 * Writes the accounts the account list shows for these filters, in its order: what
	 * the user sees is what the file holds, limited by the same record scope.
	 * @param segment the list's condition from another module (the tier filter); null for
	 * none
	 */
	public void exportAccounts(CurrentUser reader, AccountCriteria criteria, AccountScopeSql segment, Locale locale,
			TableWriter sheet) throws IOException {
		accounts(reader, criteria, segment, locale, sheet);
	}

	/**
	 * The basic data as the importer reads it back, then what a reader sorts and filters
	 * by: type, lifecycle, tier and ABC class of the latest run, and the last contact;
	 * then the custom fields, headed by their labels and written as the importer reads
	 * them back (choices by their labels).
	 */
	private void accounts(CurrentUser reader, AccountCriteria criteria, AccountScopeSql segment, Locale locale,
			TableWriter sheet) throws IOException {
		List<CustomField> custom = this.customFields.active();
		List<String> header = new ArrayList<>(
				header(locale, "name", "registrationId", "industry", "region", "address", "employees", "annualRevenue",
						"parent", "owner", "description", "keyAccountType", "status", "tier", "abc", "lastContact"));
		custom.forEach((field) -> header.add(field.label(locale)));
		sheet.row(header);
		for (int page = 0;; page++) {
			PageResult<AccountRow> rows = this.accounts.search(reader.scope(), criteria,
					new PageRequest(page, PageRequest.MAX_SIZE), segment);
			List<Long> ids = rows.content().stream().map(AccountRow::id).toList();
			Map<Long, LatestClasses.Classes> classesOf = this.classes.of(ids);
			Map<Long, LocalDate> lastContactOf = this.lastContacts.of(ids);
			Map<Long, Map<String, Object>> valuesOf = custom.isEmpty() ? Map.of() : this.customFields.of(ids);
			for (AccountRow row : rows.content()) {
				AccountDetails a = this.accounts.details(reader.scope(), row.id());
				LatestClasses.Classes classes = classesOf.get(a.id());
				List<Object> cells = new ArrayList<>(Arrays.asList(a.name(), a.registrationId(), a.industry(),
						a.region(), a.address(), a.employees(), a.annualRevenue(), a.parentName(), a.ownerName(),
						a.description(), label(locale, "keyAccountType.", a.keyAccountType()),
						label(locale, "status.", a.status()),
						(classes != null) ? label(locale, "tier.", classes.tier()) : null,
						(classes != null) ? label(locale, "abc.", classes.abc()) : null, lastContactOf.get(a.id())));
				Map<String, Object> values = valuesOf.getOrDefault(a.id(), Map.of());
				custom.forEach((field) -> cells.add(field.show(values.get(field.key()), locale)));
				sheet.row(cells);
			}
			if (!rows.hasNext()) {
				break;
			}
		}
	}

	private void orders(CurrentUser reader, Locale locale, TableWriter sheet) throws IOException {
		sheet.row(header(locale, "account", "date", "product", "quantity", "amount", "cost", "salesperson", "reference",
				"source"));
		this.ledger.forEach(reader.scope(), OrderCriteria.all(),
				(line) -> write(sheet,
						Arrays.asList(line.accountName(), line.date(), line.productName(), line.quantity(),
								line.amount(), line.cost(), line.salesperson(), line.externalRef(), line.source())));
	}

	private void opportunities(CurrentUser reader, Locale locale, TableWriter sheet) throws IOException {
		opportunities(locale, sheet,
				(row) -> this.opportunities.forEach(reader.scope(), OpportunityCriteria.all(), row));
	}

	/**
	 * Writes the opportunities the opportunity list shows for this filter, in its order,
	 * within the same record scope, labelled in the reader's language.
	 * @param openOnly leave won and lost opportunities out, as the list does unless asked
	 */
	public void exportOpportunities(CurrentUser reader, PipelineFilter filter, boolean openOnly, OpportunitySort sort,
			Locale locale, TableWriter sheet) throws IOException {
		opportunities(locale, sheet, (row) -> this.pipeline.forEach(reader, filter, openOnly, sort, row));
	}

	/**
	 * The importer's opportunity columns, then the custom fields, headed by their labels
	 * and written as the importer reads them back (choices by their labels).
	 */
	private void opportunities(Locale locale, TableWriter sheet, Consumer<Consumer<OpportunityView>> source)
			throws IOException {
		List<CustomField> custom = this.opportunityFields.active();
		List<String> header = new ArrayList<>(header(locale, "opportunityReference", "opportunityName", "owner",
				"product", "account", "stage", "engageDate", "closeDate", "amount"));
		custom.forEach((field) -> header.add(field.label(locale)));
		sheet.row(header);
		source.accept((o) -> {
			List<Object> cells = new ArrayList<>(Arrays.asList(o.externalRef(), o.name(), o.owner(), o.productName(),
					o.accountName(), label(locale, "stage.", o.stage()), o.engageDate(), o.closeDate(), o.amount()));
			custom.forEach((field) -> cells.add(field.show(o.customFields().get(field.key()), locale)));
			write(sheet, cells);
		});
	}

	/**
	 * Contacts with the importer's contact columns; the account is named, as the contact
	 * importer finds it. Then the contacts' custom fields, headed by their labels and
	 * written as the importer reads them back (choices by their labels).
	 */
	private void contacts(CurrentUser reader, Locale locale, TableWriter sheet) throws IOException {
		List<CustomField> custom = this.definitions.active(RecordType.CONTACT);
		List<String> header = new ArrayList<>(
				header(locale, "account", "contactName", "title", "department", "phone", "email", "birthday", "notes"));
		custom.forEach((field) -> header.add(field.label(locale)));
		sheet.row(header);
		this.contacts.forEachVisible(reader.scope(), (account, c) -> {
			List<Object> cells = new ArrayList<>(Arrays.asList(account, c.name(), c.title(), c.department(), c.phone(),
					c.email(), c.birthday(), c.notes()));
			custom.forEach((field) -> cells.add(field.show(c.customFields().get(field.key()), locale)));
			write(sheet, cells);
		});
	}

	/** The columns' names in the reader's language, from {@code export.column.*}. */
	private List<String> header(Locale locale, String... columns) {
		return Arrays.stream(columns).map((column) -> this.labels.get(locale, "export.column." + column)).toList();
	}

	/**
	 * A coded value as the pages label it, such as {@code stage.WON}; null stays empty.
	 */
	private String label(Locale locale, String prefix, Enum<?> value) {
		return (value != null) ? this.labels.get(locale, prefix + value.name()) : null;
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
