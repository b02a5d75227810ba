package io.dakehu.account.web;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;

import io.dakehu.account.AccountAccess;
import io.dakehu.account.AccountQueries;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.audit.AuditHistory;
import io.dakehu.shared.audit.AuditLine;
import io.dakehu.shared.audit.AuditPage;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * An account's history, a page of saves at a time, for the readers who may open the
 * account fully (a reader whom only their own deal lets read the account sees none of
 * it). The account page loads its first page after the page itself: the history grows
 * with every change, and read whole into the page it made an account in use cost twice
 * the CPU of a new one.
 */
@Controller
class AccountHistoryPages {

	/** Rows of the trail per page: a save is one to a few dozen (one per field). */
	static final int ROWS = 50;

	private final AccountQueries queries;

	private final Users users;

	private final AuditTrail audit;

	private final AuditHistory history;

	AccountHistoryPages(AccountQueries queries, Users users, AuditTrail audit, AuditHistory history) {
		this.queries = queries;
		this.users = users;
		this.audit = audit;
		this.history = history;
	}

	/**
	 * The history card; with {@code before}, the next older saves only, to add under
	 * those shown.
	 */
	@GetMapping("/accounts/{id}/history/section")
	String section(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime before,
			Locale locale, Model model) {
		HistoryPage page = read(id, before, locale);
		model.addAttribute("history", page.lines());
		model.addAttribute("olderUrl",
				(page.older() == null) ? null
						: UriComponentsBuilder.fromPath("/accounts/{id}/history/section")
							.queryParam("before", page.older())
							.buildAndExpand(id)
							.toUriString());
		return (before == null) ? "account/history :: section" : "account/history :: lines";
	}

	/**
	 * The history over the API: the newest saves, or those before {@code before}; a
	 * page's {@code older} is the {@code before} of the next.
	 */
	@GetMapping("/api/v1/accounts/{id}/history")
	@ResponseBody
	HistoryPage api(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) LocalDateTime before,
			Locale locale) {
		return read(id, before, locale);
	}

	private HistoryPage read(long id, LocalDateTime before, Locale locale) {
		if (this.queries.access(this.users.current().scope(), id) != AccountAccess.FULL) {
			throw new NotFoundException("Account", id);
		}
		AuditPage page = this.audit.forAccount(id, before, ROWS);
		return new HistoryPage(this.history.render(page.entries(), locale), page.older());
	}

	/** Saves as the history tells them, newest first, and where the older ones start. */
	record HistoryPage(List<AuditLine> lines, LocalDateTime older) {
	}

}
