package io.dakehu.order.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.order.OrderCriteria;
import io.dakehu.order.OrderLedger;
import io.dakehu.order.PurchaseSummary;
import io.dakehu.shared.PageRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The performance part of the account page, loaded by htmx: what the account bought, by
 * year and by product line, and its latest order lines.
 */
@Controller
class OrderPages {

	private static final int LATEST_LINES = 5;

	private final OrderLedger ledger;

	private final AccountQueries accounts;

	private final Users users;

	OrderPages(OrderLedger ledger, AccountQueries accounts, Users users) {
		this.ledger = ledger;
		this.accounts = accounts;
		this.users = users;
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
		return "order/section :: section";
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
