package io.dakehu.opportunity.web;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.opportunity.OpportunitySort;
import io.dakehu.opportunity.PipelineFilter;
import io.dakehu.opportunity.PurchaseType;
import io.dakehu.opportunity.Stage;
import io.dakehu.segmentation.Tier;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The query string of the board and the list. {@code ownerId} is a user's id, or
 * {@link #ANY_OWNER} for every owner in scope; left out, a key account manager sees their
 * own opportunities and everyone else every owner's. The close period is {@code from} and
 * {@code to}; {@code closeFrom} and {@code closeTo}, the names the API's list has always
 * taken, mean the same, so an address copied from one to the other keeps its filter.
 */
record PipelineParams(String ownerId, Long teamId, Tier tier, PurchaseType purchaseType,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeFrom,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closeTo, Stage stage, String q, String sort,
		Integer page, Integer size, Boolean closed) {

	static final String ANY_OWNER = "any";

	/** The prefix of a custom field's filter: {@code customFields.<key>=value}. */
	static final String CUSTOM = "customFields.";

	/** The query's custom field filters, by key; blank ones left out. */
	static Map<String, String> customFilters(Map<String, String> query) {
		Map<String, String> filters = new LinkedHashMap<>();
		query.forEach((name, value) -> {
			if (name.startsWith(CUSTOM) && value != null && !value.isBlank()) {
				filters.put(name.substring(CUSTOM.length()), value.strip());
			}
		});
		return filters;
	}

	/** The filter as the reader means it, with a KAM's default of their own deals. */
	PipelineFilter filter(CurrentUser reader) {
		Long owner = null;
		if (ownerId == null || ownerId.isBlank()) {
			owner = (reader.role() == Role.KAM) ? reader.id() : null;
		}
		else if (!ANY_OWNER.equals(ownerId.strip())) {
			try {
				owner = Long.valueOf(ownerId.strip());
			}
			catch (NumberFormatException ex) {
				owner = null;
			}
		}
		return new PipelineFilter(owner, teamId, tier, purchaseType, periodStart(from, closeFrom),
				periodEnd(to, closeTo), stage, q, null);
	}

	/**
	 * The close period's first day, given as {@code from} or as {@code closeFrom}; both
	 * with different days is a contradiction the reader should see, not a choice made for
	 * them.
	 */
	static LocalDate periodStart(LocalDate from, LocalDate closeFrom) {
		return either("from", from, "closeFrom", closeFrom);
	}

	/** The close period's last day, as {@link #periodStart}. */
	static LocalDate periodEnd(LocalDate to, LocalDate closeTo) {
		return either("to", to, "closeTo", closeTo);
	}

	private static LocalDate either(String name, LocalDate value, String alias, LocalDate aliasValue) {
		if (value != null && aliasValue != null && !value.equals(aliasValue)) {
			throw new RuleViolationException(name, "opportunity.validation.periodGivenTwice", alias);
		}
		return (value != null) ? value : aliasValue;
	}

	/**
	 * The filter of the board, whose columns are the stages: a {@code stage} parameter
	 * (on a move, the step moved to) filters nothing there.
	 */
	PipelineFilter boardFilter(CurrentUser reader) {
		PipelineFilter filter = filter(reader);
		return new PipelineFilter(filter.ownerId(), filter.teamId(), filter.tier(), filter.purchaseType(),
				filter.from(), filter.to(), null, filter.q(), null);
	}

	OpportunitySort sorting() {
		return OpportunitySort.parse(sort);
	}

	PageRequest pageRequest(int defaultSize) {
		return new PageRequest((page != null) ? page : 0, (size != null) ? size : defaultSize);
	}

	boolean includeClosed() {
		return Boolean.TRUE.equals(closed);
	}

	/**
	 * The address of a pipeline page with this filter as applied (the owner made
	 * explicit, so following it keeps what the reader saw), without page or sort.
	 */
	static UriComponentsBuilder url(String path, PipelineFilter filter) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath(path);
		url.queryParam("ownerId", (filter.ownerId() != null) ? filter.ownerId().toString() : ANY_OWNER);
		param(url, "teamId", filter.teamId());
		param(url, "tier", filter.tier());
		param(url, "purchaseType", filter.purchaseType());
		param(url, "from", filter.from());
		param(url, "to", filter.to());
		param(url, "stage", filter.stage());
		param(url, "q", filter.q());
		filter.customFields().forEach((key, value) -> param(url, CUSTOM + key, value));
		return url;
	}

	private static void param(UriComponentsBuilder url, String name, Object value) {
		if (value != null) {
			url.queryParam(name, value);
		}
	}

}
