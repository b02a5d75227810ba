package io.dakehu.dataimport;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountCustomFields;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountService;
import io.dakehu.catalog.Catalog;
import io.dakehu.contact.Contacts;
import io.dakehu.contract.Contracts;
import io.dakehu.contract.PaymentMethod;
import io.dakehu.contract.Receipts;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCustomFields;
import io.dakehu.opportunity.Stage;
import io.dakehu.order.OrderLedger;
import io.dakehu.scorecard.CreditRatings;
import io.dakehu.service.Surveys;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Validator;

import org.springframework.stereotype.Component;

/**
 * Makes a fresh importer for each pass over a file, wired to the modules it writes
 * through.
 */
@Component
class Importers {

	private final AccountQueries accountQueries;

	private final AccountService accounts;

	private final Contacts contacts;

	private final Catalog catalog;

	private final OrderLedger ledger;

	private final Opportunities opportunities;

	private final Users users;

	private final UserAdministration administration;

	private final Surveys surveys;

	private final Contracts contracts;

	private final Receipts receipts;

	private final CreditRatings ratings;

	private final Clock clock;

	private final Validator validator;

	private final JobStore jobs;

	private final Labels labels;

	private final AccountCustomFields accountFields;

	private final CustomFields customFields;

	private final OpportunityCustomFields opportunityFields;

	Importers(AccountQueries accountQueries, AccountService accounts, Contacts contacts, Catalog catalog,
			OrderLedger ledger, Opportunities opportunities, Users users, UserAdministration administration,
			Surveys surveys, Contracts contracts, Receipts receipts, CreditRatings ratings, Validator validator,
			JobStore jobs, Labels labels, Clock clock, AccountCustomFields accountFields, CustomFields customFields,
			OpportunityCustomFields opportunityFields) {
		this.accountFields = accountFields;
		this.customFields = customFields;
		this.opportunityFields = opportunityFields;
		this.accountQueries = accountQueries;
		this.accounts = accounts;
		this.contacts = contacts;
		this.catalog = catalog;
		this.ledger = ledger;
		this.opportunities = opportunities;
		this.users = users;
		this.administration = administration;
		this.surveys = surveys;
		this.contracts = contracts;
		this.receipts = receipts;
		this.ratings = ratings;
		this.validator = validator;
		this.jobs = jobs;
		this.labels = labels;
		this.clock = clock;
	}

	/**
	 * The languages whose labels the importer recognises, in headers and in stage names:
	 * those the interface speaks.
	 */
	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE);

	RecordImporter create(ImportType type) {
		return switch (type) {
			case ACCOUNTS -> new AccountImporter(this.accountQueries, this.accounts, people(), this.validator,
					this.jobs, this.accountFields, this::refusal);
			case CONTACTS -> new ContactImporter(this.accountQueries, this.contacts, this.validator, this.customFields,
					this::refusal);
			case PRODUCTS -> new ProductImporter(this.catalog, this.validator);
			case ORDERS -> new OrderImporter(this.accountQueries, this.ledger, this.catalog.matcher(), people());
			case OPPORTUNITIES -> new OpportunityImporter(this.accountQueries, this.opportunities, this.ledger,
					this.catalog.matcher(), people(), stageNames(), this.opportunityFields, this::refusal);
			case USERS -> new UserImporter(this.users, this.administration, people(), this.validator);
			case SURVEYS -> new SurveyImporter(this.accountQueries, this.contacts, this.surveys, this.validator);
			case RECEIPTS ->
				new ReceiptImporter(this.contracts, this.receipts, methodNames(), this.validator, this.clock);
			case FINANCIALS -> new FinancialsImporter(this.accountQueries, this.ratings);
		};
	}

	/**
	 * The fields each type understands, for checking a user's column mapping: for
	 * financial indicators those of the credit card in use.
	 */
	List<Column> columns(ImportType type) {
		return switch (type) {
			case ACCOUNTS -> AccountImporter.columns(this.accountFields.active());
			case CONTACTS -> ContactImporter.columns(this.customFields.active(RecordType.CONTACT));
			case PRODUCTS -> ProductImporter.COLUMNS;
			case ORDERS -> OrderImporter.COLUMNS;
			case OPPORTUNITIES -> OpportunityImporter.columns(this.opportunityFields.active());
			case USERS -> UserImporter.COLUMNS;
			case SURVEYS -> SurveyImporter.COLUMNS;
			case RECEIPTS -> ReceiptImporter.COLUMNS;
			case FINANCIALS -> FinancialsImporter.columns(this.ratings.statementIndicators());
		};
	}

	/**
	 * The fields of a type as a file's header is matched against them: the recognised
	 * names of {@link #columns} and, in every language of the interface, the label the
	 * mapping page shows for each field and the header its template writes
	 * ({@link #templateHeader}), so a downloaded template and a file headed like the
	 * mapping page import without a mapping.
	 */
	List<Column> recognised(ImportType type) {
		List<Column> recognised = new ArrayList<>();
		for (Column column : columns(type)) {
			List<String> aliases = new ArrayList<>(column.aliases());
			for (Locale locale : LANGUAGES) {
				aliases.add(this.labels.get(locale, "imports.field." + column.field()));
				aliases.add(templateHeader(type, column.field(), locale));
			}
			recognised.add(new Column(column.field(), column.required(), List.copyOf(aliases)));
		}
		return recognised;
	}

	/**
	 * A field's header in the downloadable template: the type's own wording where the
	 * plain label is ambiguous ("Name" of what), else the mapping page's label.
	 */
	String templateHeader(ImportType type, String field, Locale locale) {
		if (type == ImportType.FINANCIALS && field.startsWith(FinancialsImporter.INDICATOR)) {
			int number = Integer.parseInt(field.substring(FinancialsImporter.INDICATOR.length()));
			return this.ratings.statementIndicators()
				.stream()
				.filter((indicator) -> indicator.number() == number)
				.map((indicator) -> indicator.label(locale))
				.findFirst()
				.orElse(field);
		}
		if (type == ImportType.ACCOUNTS && field.startsWith(AccountImporter.CUSTOM)) {
			return this.accountFields.active()
				.stream()
				.filter((custom) -> custom.errorField().equals(field))
				.map((custom) -> custom.label(locale))
				.findFirst()
				.orElse(field);
		}
		if ((type == ImportType.CONTACTS || type == ImportType.OPPORTUNITIES)
				&& field.startsWith(AccountImporter.CUSTOM)) {
			return this.customFields.active((type == ImportType.CONTACTS) ? RecordType.CONTACT : RecordType.OPPORTUNITY)
				.stream()
				.filter((custom) -> custom.errorField().equals(field))
				.map((custom) -> custom.label(locale))
				.findFirst()
				.orElse(field);
		}
		String specific = "imports.template." + type + "." + field;
		String header = this.labels.get(locale, specific);
		return header.equals(specific) ? this.labels.get(locale, "imports.field." + field) : header;
	}

	/**
	 * A custom field's refused value as the import's errors keep it: the field's label
	 * and the rule, worded when the file is checked.
	 */
	private String refusal(RuleViolationException ex) {
		String label = (ex.label() != null) ? ex.label() : ex.field();
		return label + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

	/**
	 * Every name a stage goes by in the interface, in each of its languages, plus the
	 * codes: what the opportunity import accepts. Keys compare as headers do (case,
	 * spaces, underscores and brackets aside).
	 */
	Map<String, Stage> stageNames() {
		Map<String, Stage> names = new HashMap<>();
		for (Stage stage : Stage.values()) {
			names.put(Column.key(stage.name()), stage);
			for (Locale locale : LANGUAGES) {
				names.put(Column.key(this.labels.get(locale, "stage." + stage.name())), stage);
			}
		}
		return names;
	}

	/** Every payment method by its code and its label in each language. */
	Map<String, PaymentMethod> methodNames() {
		Map<String, PaymentMethod> names = new HashMap<>();
		for (PaymentMethod method : PaymentMethod.values()) {
			names.put(Column.key(method.name()), method);
			for (Locale locale : LANGUAGES) {
				names.put(Column.key(this.labels.get(locale, "contract.method." + method.name())), method);
			}
		}
		return names;
	}

	private People people() {
		return new People(this.users.all());
	}

}
