package io.dakehu.order.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.catalog.Catalog;
import io.dakehu.order.OrderCriteria;
import io.dakehu.order.OrderEntry;
import io.dakehu.order.OrderLedger;
import io.dakehu.order.PurchaseSummary;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The performance part of the account page, loaded by htmx: what the account bought, by
 * year and by product line, its latest order lines and the form to record a purchase.
 */
@Controller
class OrderPages {

	private static final int LATEST_LINES = 5;

	private final OrderLedger ledger;

	private final AccountQueries accounts;

	private final Users users;

	private final Catalog catalog;

	private final Labels labels;

	OrderPages(OrderLedger ledger, AccountQueries accounts, Users users, Catalog catalog, Labels labels) {
		this.ledger = ledger;
		this.accounts = accounts;
		this.users = users;
		this.catalog = catalog;
		this.labels = labels;
	}

	@GetMapping("/accounts/{accountId}/purchases/section")
	String section(@PathVariable long accountId, Model model) {
		RecordScope scope = this.users.current().scope();
		this.accounts.requireVisible(scope, accountId);
		model.addAttribute("accountId", accountId);
		PurchaseSummary summary = this.ledger.summary(accountId);
		model.addAttribute("summary", summary);
		model.addAttribute("widthOfYear", widths(summary.byYear()));
		model.addAttribute("widthOfLine", widths(summary.byProductLine()));
		model.addAttribute("latest",
				this.ledger.search(scope, new OrderCriteria(accountId, null, null), new PageRequest(0, LATEST_LINES))
					.content());
		model.addAttribute("products", this.catalog.all());
		model.addAttribute("today", LocalDate.now());
		return "order/section :: section";
	}

	@PostMapping("/accounts/{accountId}/purchases")
	String record(@PathVariable long accountId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@RequestParam(required = false) Long productId, @RequestParam(required = false) BigDecimal quantity,
			@RequestParam(required = false) BigDecimal amount, @RequestParam(required = false) BigDecimal cost,
			RedirectAttributes redirect) {
		try {
			this.ledger.record(this.users.current(),
					new OrderEntry(accountId, date, productId, quantity, amount, cost));
			Flash.success(redirect, "purchases.recorded");
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
		}
		return "redirect:/accounts/" + accountId + "#card-performance";
	}

	/**
	 * Each group's bar width in percent of the largest group, so the table reads as a
	 * small bar chart without any script.
	 */
	private static Map<String, Integer> widths(List<PurchaseSummary.Total> totals) {
		BigDecimal max = totals.stream()
			.map(PurchaseSummary.Total::amount)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(BigDecimal.ZERO);
		Map<String, Integer> widths = new HashMap<>();
		for (PurchaseSummary.Total total : totals) {
			widths.put(total.key(), (max.signum() > 0 && total.amount() != null && total.amount().signum() > 0)
					? total.amount().multiply(BigDecimal.valueOf(100)).divide(max, 0, RoundingMode.HALF_UP).intValue()
					: 0);
		}
		return widths;
	}

}
