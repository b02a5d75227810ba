package io.dakehu.contract.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.contract.Aging;
import io.dakehu.contract.AgingReport;
import io.dakehu.contract.AgingRow;
import io.dakehu.contract.AgingScope;
import io.dakehu.contract.CollectionPlan;
import io.dakehu.contract.ContractFilter;
import io.dakehu.contract.ContractInput;
import io.dakehu.contract.ContractStateException;
import io.dakehu.contract.ContractStatus;
import io.dakehu.contract.ContractView;
import io.dakehu.contract.Contracts;
import io.dakehu.contract.CreditUse;
import io.dakehu.contract.InstalmentInput;
import io.dakehu.contract.InstalmentView;
import io.dakehu.contract.PaymentIndicators;
import io.dakehu.contract.ReceiptInput;
import io.dakehu.contract.ReceiptView;
import io.dakehu.contract.Receipts;
import io.dakehu.contract.ReceivableAging;
import io.dakehu.contract.Receivables;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contracts, payment plans, receipts and receivables over the API. Versions guard every
 * change of a contract (a stale one answers 409), as does a step its status does not
 * allow; another user's contract reads as missing.
 */
@RestController
class ContractApi {

	private final Contracts contracts;

	private final Receipts receipts;

	private final Receivables receivables;

	private final ReceivableAging aging;

	private final Users users;

	private final Labels labels;

	private final CollectionPlan plan;

	private final Clock clock;

	ContractApi(Contracts contracts, Receipts receipts, Receivables receivables, ReceivableAging aging,
			CollectionPlan plan, Users users, Labels labels, Clock clock) {
		this.contracts = contracts;
		this.receipts = receipts;
		this.receivables = receivables;
		this.aging = aging;
		this.plan = plan;
		this.clock = clock;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/api/v1/contracts")
	List<ContractView> list(@RequestParam(required = false) Long accountId,
			@RequestParam(required = false) ContractStatus status, @RequestParam(required = false) String owner,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "100") int limit) {
		return this.contracts.list(this.users.current().scope(), new ContractFilter(accountId, status, owner, overdue),
				Math.min(Math.max(limit, 1), 500));
	}

	@PostMapping("/api/v1/contracts")
	ResponseEntity<ContractView> create(@Valid @RequestBody ContractInput input) {
		return created(this.contracts.create(this.users.current(), input));
	}

	/** A won opportunity as a draft contract, prefilled from it. */
	@PostMapping("/api/v1/opportunities/{id}/contract")
	ResponseEntity<ContractView> fromOpportunity(@PathVariable long id) {
		return created(this.contracts.fromOpportunity(this.users.current(), id));
	}

	private static ResponseEntity<ContractView> created(ContractView contract) {
		return ResponseEntity.created(URI.create("/api/v1/contracts/" + contract.id())).body(contract);
	}

	@GetMapping("/api/v1/contracts/{id}")
	ContractView get(@PathVariable long id) {
		return this.contracts.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/contracts/{id}")
	ContractView update(@PathVariable long id, @Valid @RequestBody ContractInput input) {
		return this.contracts.update(this.users.current(), id, input);
	}

	@DeleteMapping("/api/v1/contracts/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) Integer version) {
		this.contracts.delete(this.users.current(), id, version);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/api/v1/contracts/{id}/activate")
	ContractView activate(@PathVariable long id, @RequestBody Versioned body) {
		return this.contracts.activate(this.users.current(), id, body.version());
	}

	/** A draft over the account's credit limit, held for a manager's confirmation. */
	@PostMapping("/api/v1/contracts/{id}/request-approval")
	ContractView requestApproval(@PathVariable long id, @RequestBody Versioned body) {
		return this.contracts.requestApproval(this.users.current(), id, body.version());
	}

	/**
	 * A manager confirms a contract over the credit limit with a reason: it is in force.
	 */
	@PostMapping("/api/v1/contracts/{id}/approve")
	ContractView approve(@PathVariable long id, @RequestBody Termination body) {
		return this.contracts.approve(this.users.current(), id, body.version(), body.reason());
	}

	/**
	 * The account's credit limit against its receivables and this contract's unpaid part.
	 */
	@GetMapping("/api/v1/contracts/{id}/credit")
	CreditUse credit(@PathVariable long id) {
		return this.contracts.creditUse(this.users.current().scope(), id);
	}

	@PostMapping("/api/v1/contracts/{id}/complete")
	ContractView complete(@PathVariable long id, @RequestBody Versioned body) {
		return this.contracts.complete(this.users.current(), id, body.version());
	}

	@PostMapping("/api/v1/contracts/{id}/terminate")
	ContractView terminate(@PathVariable long id, @RequestBody Termination body) {
		return this.contracts.terminate(this.users.current(), id, body.version(), body.reason());
	}

	@GetMapping("/api/v1/contracts/{id}/instalments")
	List<InstalmentView> plan(@PathVariable long id) {
		return this.contracts.plan(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/contracts/{id}/instalments")
	List<InstalmentView> replacePlan(@PathVariable long id, @Valid @RequestBody Plan body) {
		return this.contracts.replacePlan(this.users.current(), id, body.version(), body.instalments());
	}

	@PostMapping("/api/v1/contracts/{id}/instalments/{instalmentId}/write-off")
	ContractView writeOff(@PathVariable long id, @PathVariable long instalmentId, @RequestBody Versioned body) {
		return this.contracts.writeOff(this.users.current(), id, instalmentId, body.version());
	}

	@GetMapping("/api/v1/contracts/{id}/receipts")
	List<ReceiptView> receipts(@PathVariable long id) {
		return this.receipts.ofContract(this.users.current().scope(), id);
	}

	@PostMapping("/api/v1/receipts")
	ResponseEntity<ReceiptView> record(@Valid @RequestBody ReceiptInput input) {
		ReceiptView receipt = this.receipts.record(this.users.current(), input);
		return ResponseEntity.created(URI.create("/api/v1/receipts/" + receipt.id())).body(receipt);
	}

	@GetMapping("/api/v1/receipts/{id}")
	ReceiptView receipt(@PathVariable long id) {
		return this.receipts.get(this.users.current().scope(), id);
	}

	/** Re-allocates a receipt by hand; what it leaves over becomes credit. */
	@PutMapping("/api/v1/receipts/{id}/allocations")
	ReceiptView reallocate(@PathVariable long id, @Valid @RequestBody Reallocation body) {
		Map<Long, BigDecimal> shares = new LinkedHashMap<>();
		body.allocations().forEach((share) -> shares.merge(share.instalmentId(), share.amount(), BigDecimal::add));
		return this.receipts.reallocate(this.users.current(), id, shares);
	}

	/**
	 * A page of the aging, largest total first: the screen's page unless {@code size}
	 * asks for more (at most {@link PageRequest#MAX_SIZE}), with what every row adds up
	 * to.
	 */
	@GetMapping("/api/v1/receivables/aging")
	AgingPage aging(@RequestParam(defaultValue = "ACCOUNT") AgingScope scope,
			@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + ReceivablePages.AGING_PAGE) int size) {
		AgingReport report = this.aging.aging(this.users.current().scope(), scope, new PageRequest(page, size));
		PageResult<AgingRow> rows = report.rows();
		return new AgingPage(rows.content(), rows.page(), rows.size(), rows.totalElements(), rows.totalPages(),
				report.total());
	}

	/**
	 * What is overdue, then what falls due in each of the coming weeks or months (1 to 52
	 * of them; more or fewer are cut to that).
	 */
	@GetMapping("/api/v1/receivables/forecast")
	List<CollectionPlan.Period> forecast(@RequestParam(defaultValue = "WEEK") CollectionPlan.Step step,
			@RequestParam(defaultValue = "12") int periods) {
		return this.plan.forecast(this.users.current().scope(), step, Math.max(1, Math.min(52, periods)));
	}

	/**
	 * Contracts signed and money received per salesperson; this year to date by default.
	 */
	@GetMapping("/api/v1/receivables/salespeople")
	List<CollectionPlan.Salesperson> salespeople(
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		LocalDate end = (to != null) ? to : LocalDate.now(this.clock);
		return this.plan.bySalesperson(this.users.current().scope(), (from != null) ? from : end.withDayOfYear(1), end);
	}

	@GetMapping("/api/v1/accounts/{accountId}/receivables")
	PaymentIndicators accountReceivables(@PathVariable long accountId) {
		return this.receivables.forAccount(this.users.current().scope(), accountId);
	}

	@ExceptionHandler(ContractStateException.class)
	ProblemDetail wrongState(ContractStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.labels.get(ex.messageKey(), this.labels.get("contract.status." + ex.status().name())));
		problem.setTitle(this.labels.get("contract.state.title"));
		problem.setProperty("contractStatus", ex.status().name());
		return problem;
	}

	record Versioned(Integer version) {
	}

	/** A version and a reason: a termination's, or a manager's confirmation's. */
	record Termination(Integer version, String reason) {
	}

	record Plan(Integer version, @NotNull List<@Valid InstalmentInput> instalments) {
	}

	record Reallocation(@NotNull List<@Valid Share> allocations) {
	}

	record Share(@NotNull Long instalmentId, @NotNull @Positive BigDecimal amount) {
	}

	/** A page of the aging report and the total of all its rows. */
	record AgingPage(List<AgingRow> content, int page, int size, long totalElements, int totalPages, Aging total) {
	}

}
