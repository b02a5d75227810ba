package io.dakehu.dataimport;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountService;
import io.dakehu.catalog.Catalog;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.order.OrderLedger;
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

	private final Validator validator;

	private final JobStore jobs;

	Importers(AccountQueries accountQueries, AccountService accounts, Contacts contacts, Catalog catalog,
			OrderLedger ledger, Opportunities opportunities, Users users, UserAdministration administration,
			Validator validator, JobStore jobs) {
		this.accountQueries = accountQueries;
		this.accounts = accounts;
		this.contacts = contacts;
		this.catalog = catalog;
		this.ledger = ledger;
		this.opportunities = opportunities;
		this.users = users;
		this.administration = administration;
		this.validator = validator;
		this.jobs = jobs;
	}

	RecordImporter create(ImportType type) {
		return switch (type) {
			case ACCOUNTS ->
				new AccountImporter(this.accountQueries, this.accounts, people(), this.validator, this.jobs);
			case CONTACTS -> new ContactImporter(this.accountQueries, this.contacts, this.validator);
			case PRODUCTS -> new ProductImporter(this.catalog, this.validator);
			case ORDERS -> new OrderImporter(this.accountQueries, this.ledger, this.catalog.matcher(), people());
			case OPPORTUNITIES -> new OpportunityImporter(this.accountQueries, this.opportunities, this.ledger,
					this.catalog.matcher(), people());
			case USERS -> new UserImporter(this.users, this.administration, people(), this.validator);
		};
	}

	/**
	 * The fields each type understands, for checking a user's column mapping.
	 */
	static java.util.List<Column> columns(ImportType type) {
		return switch (type) {
			case ACCOUNTS -> AccountImporter.COLUMNS;
			case CONTACTS -> ContactImporter.COLUMNS;
			case PRODUCTS -> ProductImporter.COLUMNS;
			case ORDERS -> OrderImporter.COLUMNS;
			case OPPORTUNITIES -> OpportunityImporter.COLUMNS;
			case USERS -> UserImporter.COLUMNS;
		};
	}

	private People people() {
		return new People(this.users.all());
	}

}
