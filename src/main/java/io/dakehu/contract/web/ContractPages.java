package io.dakehu.contract.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.contract.ContractFilter;
import io.dakehu.contract.ContractInput;
import io.dakehu.contract.ContractStateException;
import io.dakehu.contract.ContractStatus;
import io.dakehu.contract.ContractView;
import io.dakehu.contract.Contracts;
import io.dakehu.contract.InstalmentInput;
import io.dakehu.contract.PaymentMethod;
import io.dakehu.contract.ReceiptInput;
import io.dakehu.contract.Receipts;
import io.dakehu.contract.Receivables;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;
import jakarta.validation.Validator;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The contract pages: the list with its filters, a new contract (blank or from a won
 * opportunity), one contract with its plan, receipts and the steps its status allows, and
 * the contracts part of the account page's data card.
 */
@Controller
class ContractPages {

	private static final int LISTED = 200;

	private static final int CARD_ROWS = 5;

	private final Contracts contracts;

	private final Receipts receipts;

	private final Receivables receivables;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	private final Validator validator;

	ContractPages(Contracts contracts, Receipts receipts, Receivables receivables, AccountQueries accounts, Users users,
			Labels labels, Validator validator) {
		this.contracts = contracts;
		this.receipts = receipts;
		this.receivables = receivables;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
		this.validator = validator;
	}

	@GetMapping("/contracts")
	String list(@RequestParam(required = false) ContractStatus status, @RequestParam(required = false) String owner,
			@RequestParam(defaultValue = "false") boolean overdue, Model model) {
		model.addAttribute("contracts", this.contracts.list(this.users.current().scope(),
				new ContractFilter(null, status, owner, overdue), LISTED));
		model.addAttribute("statuses", ContractStatus.values());
		model.addAttribute("status", status);
		model.addAttribute("owner", owner);
		model.addAttribute("overdue", overdue);
		return "contract/list";
	}

	@GetMapping("/contracts/new")
	String form(@RequestParam long accountId, Model model) {
		AccountRef account = this.accounts.requireVisible(this.users.current().scope(), accountId);
		model.addAttribute("account", account);
		model.addAttribute("today", LocalDate.now());
		return "contract/form";
	}

	@PostMapping("/contracts")
	String create(@RequestParam long accountId, @RequestParam(required = false) String number,
			@RequestParam(required = false) LocalDate signedDate, @RequestParam(required = false) LocalDate startDate,
			@RequestParam(required = false) LocalDate endDate, @RequestParam(required = false) BigDecimal amount,
			@RequestParam(required = false) String paymentTerms, @RequestParam(required = false) String plan,
			RedirectAttributes redirect) {
		String back = "redirect:/contracts/new?accountId=" + accountId;
		List<InstalmentInput> instalments;
		try {
			instalments = parsePlan(plan);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
			return back;
		}
		ContractInput input = new ContractInput(StringUtils.hasText(number) ? number : null, accountId, null,
				signedDate, startDate, endDate, amount, paymentTerms, null, List.of(), instalments, null);
		if (!this.validator.validate(input).isEmpty()) {
			Flash.error(redirect, "contract.form.invalid");
			return back;
		}
		try {
			ContractView created = this.contracts.create(this.users.current(), input);
			redirect.addFlashAttribute("created", created.number());
			return "redirect:/contracts/" + created.id();
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
			return back;
		}
	}

	/** "Make a contract" on a won opportunity. */
	@PostMapping("/opportunities/{id}/contract")
	String fromOpportunity(@PathVariable long id, RedirectAttributes redirect) {
		try {
			ContractView created = this.contracts.fromOpportunity(this.users.current(), id);
			redirect.addFlashAttribute("created", created.number());
			return "redirect:/contracts/" + created.id();
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
			return "redirect:/opportunities/" + id;
		}
	}

	@GetMapping("/contracts/{id}")
	String show(@PathVariable long id, Model model) {
		RecordScope scope = this.users.current().scope();
		ContractView contract = this.contracts.get(scope, id);
		model.addAttribute("c", contract);
		model.addAttribute("plan", this.contracts.plan(scope, id));
		model.addAttribute("receipts", this.receipts.ofContract(scope, id));
		model.addAttribute("methods", PaymentMethod.values());
		model.addAttribute("today", LocalDate.now());
		model.addAttribute("credit", this.contracts.creditUse(scope, id));
		model.addAttribute("canApprove", this.users.current().managesOthers());
		return "contract/show";
	}

	@PostMapping("/contracts/{id}/activate")
	String activate(@PathVariable long id, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.saved",
				() -> this.contracts.activate(this.users.current(), id, version));
	}

	@PostMapping("/contracts/{id}/request-approval")
	String requestApproval(@PathVariable long id, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.approval.requested",
				() -> this.contracts.requestApproval(this.users.current(), id, version));
	}

	@PostMapping("/contracts/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.saved",
				() -> this.contracts.approve(this.users.current(), id, version, reason));
	}

	@PostMapping("/contracts/{id}/complete")
	String complete(@PathVariable long id, @RequestParam(required = false) Integer version,
			RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.saved",
				() -> this.contracts.complete(this.users.current(), id, version));
	}

	@PostMapping("/contracts/{id}/terminate")
	String terminate(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String reason, RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.saved",
				() -> this.contracts.terminate(this.users.current(), id, version, reason));
	}

	@PostMapping("/contracts/{id}/plan")
	String plan(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String plan, RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.plan.saved",
				() -> this.contracts.replacePlan(this.users.current(), id, version, parsePlan(plan)));
	}

	@PostMapping("/contracts/{id}/instalments/{instalmentId}/write-off")
	String writeOff(@PathVariable long id, @PathVariable long instalmentId,
			@RequestParam(required = false) Integer version, RedirectAttributes redirect) {
		return attempt(id, redirect, "contract.saved",
				() -> this.contracts.writeOff(this.users.current(), id, instalmentId, version));
	}

	@PostMapping("/contracts/{id}/receipts")
	String receipt(@PathVariable long id, @RequestParam(required = false) LocalDate date,
			@RequestParam(required = false) BigDecimal amount, @RequestParam(required = false) PaymentMethod method,
			@RequestParam(required = false) String reference, RedirectAttributes redirect) {
		ReceiptInput input = new ReceiptInput(id, date, amount, (method != null) ? method : PaymentMethod.OTHER,
				reference);
		if (!this.validator.validate(input).isEmpty()) {
			Flash.error(redirect, "contract.receipt.invalid");
			return "redirect:/contracts/" + id;
		}
		return attempt(id, redirect, "contract.receipt.recorded",
				() -> this.receipts.record(this.users.current(), input));
	}

	/** The contracts part of the account page's "current transactions". */
	@GetMapping("/accounts/{accountId}/contracts-section")
	String accountSection(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", accountId);
		model.addAttribute("r", this.receivables.card(me.scope(), accountId, CARD_ROWS));
		return "contract/section";
	}

	private String attempt(long id, RedirectAttributes redirect, String success, Supplier<?> action) {
		try {
			action.get();
			Flash.success(redirect, success);
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem", reason(ex));
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		catch (ContractStateException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.get(ex.messageKey(), this.labels.get("contract.status." + ex.status().name())));
		}
		return "redirect:/contracts/" + id;
	}

	private String reason(RuleViolationException ex) {
		return this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args());
	}

	/**
	 * A plan typed one instalment a line, as a date and an amount separated by blanks, a
	 * comma or a semicolon.
	 */
	static List<InstalmentInput> parsePlan(String text) {
		List<InstalmentInput> plan = new ArrayList<>();
		if (!StringUtils.hasText(text)) {
			return plan;
		}
		for (String line : text.strip().split("\\R")) {
			if (line.isBlank()) {
				continue;
			}
			String[] parts = line.strip().split("[\\s,;，；]+");
			try {
				BigDecimal amount = new BigDecimal(parts[1]);
				if (parts.length != 2 || amount.signum() <= 0 || amount.scale() > 2) {
					throw new NumberFormatException(line);
				}
				plan.add(new InstalmentInput(LocalDate.parse(parts[0]), amount));
			}
			catch (DateTimeParseException | NumberFormatException | ArrayIndexOutOfBoundsException ex) {
				throw new RuleViolationException("instalments", "validation.contract.planLine", line.strip());
			}
		}
		return plan;
	}

}
