package io.dakehu.order.web;

import java.net.URI;
import java.time.LocalDate;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.order.OrderCriteria;
import io.dakehu.order.OrderEntry;
import io.dakehu.order.OrderLedger;
import io.dakehu.order.OrderLineView;
import io.dakehu.order.PurchaseSummary;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The purchase ledger over the API, limited to the caller's record scope.
 */
@RestController
class OrderApi {

	private final OrderLedger ledger;

	private final AccountQueries accounts;

	private final Users users;

	OrderApi(OrderLedger ledger, AccountQueries accounts, Users users) {
		this.ledger = ledger;
		this.accounts = accounts;
		this.users = users;
	}

	@GetMapping("/api/v1/orders")
	PageResult<OrderLineView> list(@RequestParam(required = false) Long accountId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.ledger.search(this.users.current().scope(), new OrderCriteria(accountId, from, to),
				new PageRequest(page, size));
	}

	/**
	 * Records one purchase; the account's lifecycle follows (a prospect becomes a
	 * customer).
	 */
	@PostMapping("/api/v1/orders")
	ResponseEntity<OrderLineView> record(@RequestBody OrderEntry entry) {
		OrderLineView line = this.ledger.record(this.users.current(), entry);
		return ResponseEntity.created(URI.create("/api/v1/orders?accountId=" + line.accountId())).body(line);
	}

	@GetMapping("/api/v1/accounts/{accountId}/purchases")
	PurchaseSummary purchases(@PathVariable long accountId) {
		RecordScope scope = this.users.current().scope();
		this.accounts.requireVisible(scope, accountId);
		return this.ledger.summary(accountId);
	}

}
