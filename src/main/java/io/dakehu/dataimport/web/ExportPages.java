package io.dakehu.dataimport.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountCustomFields;
import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountSegments;
import io.dakehu.account.KeyAccountType;
import io.dakehu.account.LifecycleStatus;
import io.dakehu.dataimport.Exports;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export buttons of the account and opportunity lists: the file holds the records the
 * list shows for the same filters in the same order, and never more than the reader's
 * record scope; headers and labels in the reader's language.
 */
@Controller
class ExportPages {

	private final Exports exports;

	private final Users users;

	private final AccountSegments segments;

	private final AccountGrades grades;

	private static final String CUSTOM = "customFields.";

	private final AccountCustomFields customFields;

	ExportPages(Exports exports, Users users, ObjectProvider<AccountSegments> segments,
			ObjectProvider<AccountGrades> grades, AccountCustomFields customFields) {
		this.customFields = customFields;
		this.exports = exports;
		this.users = users;
		this.segments = segments.getIfAvailable();
		this.grades = grades.getIfAvailable();
	}

	@GetMapping("/exports/accounts")
	ResponseEntity<StreamingResponseBody> accounts(@RequestParam(defaultValue = "csv") String format,
			@RequestParam(required = false) String q, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String industry, @RequestParam(required = false) String region,
			@RequestParam(required = false) KeyAccountType type, @RequestParam(required = false) LifecycleStatus status,
			@RequestParam(required = false) Boolean archived, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String tier, @RequestParam(required = false) String grade,
			@RequestParam Map<String, String> query, Locale locale) {
		CurrentUser reader = this.users.current();
		AccountCriteria criteria = criteria(q, owner, industry, region, type, status, archived, sort);
		AccountScopeSql segment = (this.segments != null && tier != null && this.segments.codes().contains(tier))
				? this.segments.filter(tier, "a.id") : null;
		if (this.grades != null && grade != null && this.grades.codes().contains(grade)) {
			segment = AccountScopeSql.both(segment, this.grades.filter(grade, "a.id"));
		}
		AccountScopeSql filters = AccountScopeSql.both(segment, this.customFields.filter(customFilters(query)));
		return TableDownload.of("accounts", ExportFormat.parse(format),
				(table) -> this.exports.exportAccounts(reader, criteria, filters, locale, table));
	}

	/**
	 * Every contact at an account the reader may see, with their custom fields, as the
	 * API's export writes them.
	 */
	@GetMapping("/exports/contacts")
	ResponseEntity<StreamingResponseBody> contacts(@RequestParam(defaultValue = "csv") String format, Locale locale) {
		CurrentUser reader = this.users.current();
		return TableDownload.of("contacts", ExportFormat.parse(format),
				(table) -> this.exports.export(reader, Exports.Kind.CONTACTS, locale, table));
	}

	/**
	 * Every order line the reader may see, as the API's export writes them.
	 */
	@GetMapping("/exports/orders")
	ResponseEntity<StreamingResponseBody> orders(@RequestParam(defaultValue = "csv") String format, Locale locale) {
		CurrentUser reader = this.users.current();
		return TableDownload.of("orders", ExportFormat.parse(format),
				(table) -> this.exports.export(reader, Exports.Kind.ORDERS, locale, table));
	}

	/**
	 * The export buttons of the opportunity list: the opportunities it shows for the same
	 * filters, in the same order; without any, every opportunity the reader may see.
	 * {@code ownerId} is an id or {@code any}; won and lost ones are left out only with
	 * {@code closed=false}.
	 */
	@GetMapping("/exports/opportunities")
	ResponseEntity<StreamingResponseBody> opportunities(@RequestParam(defaultValue = "csv") String format,
			@RequestParam(required = false) String ownerId, @RequestParam(required = false) Long teamId,
			@RequestParam(required = false) Tier tier, @RequestParam(required = false) PurchaseType purchaseType,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) Stage stage, @RequestParam(required = false) String q,
			@RequestParam(required = false) Boolean closed, @RequestParam(required = false) String sort,
			@RequestParam Map<String, String> query, Locale locale) {
		CurrentUser reader = this.users.current();
		Long owner = null;
		if (ownerId != null && ownerId.strip().matches("[0-9]{1,18}")) {
			owner = Long.valueOf(ownerId.strip());
		}
		PipelineFilter filter = new PipelineFilter(owner, teamId, tier, purchaseType, from, to, stage, q, null,
				customFilters(query));
		boolean openOnly = Boolean.FALSE.equals(closed);
		return TableDownload.of("opportunities", ExportFormat.parse(format), (table) -> this.exports
			.exportOpportunities(reader, filter, openOnly, OpportunitySort.parse(sort), locale, table));
	}

	/** The query's custom field filters, {@code customFields.<key>=value}, by key. */
	private static Map<String, String> customFilters(Map<String, String> query) {
		Map<String, String> custom = new LinkedHashMap<>();
		query.forEach((name, value) -> {
			if (name.startsWith(CUSTOM) && value != null && !value.isBlank()) {
				custom.put(name.substring(CUSTOM.length()), value.strip());
			}
		});
		return custom;
	}

	/**
	 * The list's criteria from its query string, read as the account list reads it: a
	 * leading minus on the sort column sorts descending; archived accounts only on
	 * request.
	 */
	private static AccountCriteria criteria(String q, String owner, String industry, String region, KeyAccountType type,
			LifecycleStatus status, Boolean archived, String sort) {
		String column = (sort != null && !sort.isBlank()) ? sort.strip() : "name";
		boolean descending = column.startsWith("-");
		if (descending) {
			column = column.substring(1);
		}
		return new AccountCriteria(blankToNull(q), blankToNull(owner), blankToNull(industry), blankToNull(region), type,
				status, (archived != null) ? archived : false, null, column, descending);
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
