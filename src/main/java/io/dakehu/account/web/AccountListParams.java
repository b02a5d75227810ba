package io.dakehu.account.web;

import java.util.LinkedHashMap;
import java.util.Map;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountGrades;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountSegments;
import io.dakehu.account.KeyAccountType;
import io.dakehu.account.LifecycleStatus;
import io.dakehu.shared.PageRequest;

/**
 * The account list's query string, shared by the page and the API: {@code sort=name} or
 * {@code sort=-updated} (a leading minus, or a {@code ,desc} suffix, sorts descending);
 * {@code tier} filters by a code of {@link io.dakehu.account.AccountSegments},
 * {@code grade} by a credit grade of {@link io.dakehu.account.AccountGrades}.
 */
record AccountListParams(String q, String owner, String industry, String region, KeyAccountType type,
		LifecycleStatus status, Boolean archived, Long parentId, String sort, Integer page, Integer size, String tier,
		String grade) {

	private static final String CUSTOM = "customFields.";

	AccountCriteria criteria() {
		String column = (sort != null) ? sort.strip() : "name";
		boolean descending = false;
		if (column.startsWith("-")) {
			descending = true;
			column = column.substring(1);
		}
		if (column.endsWith(",desc")) {
			descending = true;
			column = column.substring(0, column.length() - 5);
		}
		else if (column.endsWith(",asc")) {
			column = column.substring(0, column.length() - 4);
		}
		return new AccountCriteria(q, owner, industry, region, type, status, (archived != null) ? archived : false,
				parentId, column, descending);
	}

	/** The query's custom field filters, {@code customFields.<key>=value}, by key. */
	static Map<String, String> customFilters(Map<String, String> query) {
		Map<String, String> filters = new LinkedHashMap<>();
		query.forEach((name, value) -> {
			if (name.startsWith(CUSTOM) && value != null && !value.isBlank()) {
				filters.put(name.substring(CUSTOM.length()), value.strip());
			}
		});
		return filters;
	}

	PageRequest pageRequest() {
		return new PageRequest((page != null) ? page : 0, (size != null) ? size : 20);
	}

	/**
	 * The tier filter as a condition; null when there is none, the code is unknown, or no
	 * module classifies accounts.
	 */
	private AccountScopeSql segment(AccountSegments segments) {
		if (segments == null || tier == null || !segments.codes().contains(tier)) {
			return null;
		}
		return segments.filter(tier, "a.id");
	}

	/**
	 * The tier and the credit grade filters as one condition; null when there is neither.
	 * An unknown code, or a module that is absent, filters nothing.
	 */
	AccountScopeSql segment(AccountSegments segments, AccountGrades grades) {
		AccountScopeSql byGrade = (grades != null && grade != null && grades.codes().contains(grade))
				? grades.filter(grade, "a.id") : null;
		return AccountScopeSql.both(segment(segments), byGrade);
	}

}
