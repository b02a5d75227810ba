package io.dakehu.contract;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.dakehu.account.AccountLocks;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.catalog.Catalog;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Stage;
import io.dakehu.shared.KeyLookups;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.NoticeRequested;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvent;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Contracts and their payment plans (DOMAIN.md §12), the public face of the module. A
 * contract is visible to whoever may see its account; every change is audited on the
 * account and guarded by the contract's version.
 */
@Service
@Transactional(readOnly = true)
public class Contracts {

	static final String AUDIT_TYPE = "Contract";

	/** The kind of notice a contract held over the credit limit sends. */
	static final String APPROVAL_REQUESTED = "contract.approvalRequested";

	/** A confirmation's reason longer than this does not fit the audit. */
	static final int REASON_LENGTH = 1000;

	private final ContractRepository repository;

	private final ContractNumbers numbers;

	private final Instalments instalments;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final AccountLocks accountLocks;

	private final Opportunities opportunities;

	private final Catalog catalog;

	private final Users users;

	private final AuditTrail audit;

	private final CreditLimits limits;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final KeyLookups keyLookups;

	private final ReceivableBooks books;

	Contracts(ContractRepository repository, ContractNumbers numbers, Instalments instalments, JdbcClient jdbc,
			AccountQueries accounts, AccountLocks accountLocks, Opportunities opportunities, Catalog catalog,
			Users users, AuditTrail audit, CreditLimits limits, ApplicationEventPublisher events, Clock clock,
			KeyLookups keyLookups, ReceivableBooks books) {
		this.keyLookups = keyLookups;
		this.books = books;
		this.repository = repository;
		this.numbers = numbers;
		this.instalments = instalments;
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.accountLocks = accountLocks;
		this.opportunities = opportunities;
		this.catalog = catalog;
		this.users = users;
		this.audit = audit;
		this.limits = limits;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * A draft contract, with its payment plan when the input carries one.
	 * @throws NotFoundException when the user may not see the account (or the
	 * opportunity)
	 * @throws RuleViolationException when the number is taken, lines or instalments do
	 * not add up to the amount, a product is unknown or the period ends before it starts
	 */
	@Transactional
	public ContractView create(CurrentUser me, ContractInput input) {
		AccountRef account = this.accounts.requireVisible(me.scope(), input.accountId());
		if (input.opportunityId() != null) {
			this.opportunities.get(me.scope(), input.opportunityId());
		}
		Contract.Terms terms = terms(input);
		List<InstalmentInput> plan = (input.instalments() != null) ? input.instalments() : List.of();
		if (!plan.isEmpty()) {
			Instalments.requireAddsUp(plan, input.amount());
		}
		long owner = owner(input.owner(), account);
		String number = number(input.number(), input.signedDate());
		Contract contract = this.repository.save(Contract.draft(number, account.id(), input.opportunityId(), terms,
				owner, me.id(), LocalDateTime.now(this.clock)));
		this.audit.created(AUDIT_TYPE, contract.getId(), account.id(), contract.auditValues());
		if (!plan.isEmpty()) {
			this.instalments.replace(contract.getId(), account.id(), plan);
		}
		return view(contract.getId());
	}

	/**
	 * A won opportunity as a draft contract in one step: its account, owner, amount and
	 * product, signed on its close date.
	 * @throws RuleViolationException when it is not won, has no account or no amount
	 */
	@Transactional
	public ContractView fromOpportunity(CurrentUser me, long opportunityId) {
		OpportunityView won = this.opportunities.get(me.scope(), opportunityId);
		if (won.stage() != Stage.WON) {
			throw new RuleViolationException("opportunityId", "validation.contract.notWon");
		}
		if (won.accountId() == null) {
			throw new RuleViolationException("opportunityId", "validation.contract.noAccount");
		}
		if (won.amount() == null || won.amount().signum() <= 0) {
			throw new RuleViolationException("opportunityId", "validation.contract.noAmount");
		}
		LocalDate signed = (won.closeDate() != null) ? won.closeDate() : LocalDate.now(this.clock);
		List<LineInput> lines = List.of(new LineInput(won.productId(), won.title(), won.amount()));
		return create(me, new ContractInput(null, won.accountId(), won.id(), signed, signed, null, won.amount(), null,
				this.users.get(won.ownerId()).username(), lines, null, null));
	}

	/**
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	public ContractView get(RecordScope scope, long id) {
		List<ContractView> found = list(scope, ContractFilter.all(), id, 1);
		if (found.isEmpty()) {
			throw new NotFoundException(AUDIT_TYPE, id);
		}
		return found.get(0);
	}

	/**
	 * The contracts of these numbers the reader may see, by number, as an import from the
	 * ERP names them: numbers compare exactly, as printed on the contract.
	 */
	public Map<String, ContractRef> byNumbers(RecordScope scope, Collection<String> numbers) {
		Map<String, ContractRef> found = new HashMap<>();
		if (numbers.isEmpty()) {
			return found;
		}
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("numbers", KeyLookups.keys(numbers));
		// Each number probes the unique index on contract numbers.
		this.jdbc
			.sql("select c.id, c.number, c.account_id, c.status from " + this.keyLookups.varchars("numbers", "contract",
					"c", "number", "c.id, c.number, c.account_id, c.status", scopeSql.condition(), false))
			.params(params)
			.query((rs, n) -> new ContractRef(rs.getLong(1), rs.getString(2), rs.getLong(3),
					ContractStatus.valueOf(rs.getString(4).strip())))
			.list()
			.forEach((ref) -> found.put(ref.number(), ref));
		return found;
	}

	/** Contracts the reader may see, latest signed first. */
	public List<ContractView> list(RecordScope scope, ContractFilter filter, int limit) {
		return list(scope, filter, null, limit);
	}

	/** New terms for a draft. */
	@Transactional
	public ContractView update(CurrentUser me, long id, ContractInput input) {
		ContractView current = get(me.scope(), id);
		if (input.accountId() != current.accountId()) {
			throw new RuleViolationException("accountId", "validation.contract.accountFixed");
		}
		AccountRef account = this.accounts.requireVisible(me.scope(), current.accountId());
		Contract.Terms terms = terms(input);
		long owner = owner(input.owner(), account);
		if (input.number() != null && !input.number().strip().equals(current.number())) {
			throw new RuleViolationException("number", "validation.contract.numberFixed");
		}
		return change(me, id, input.version(), (contract) -> {
			contract.revise(terms, owner);
			if (input.instalments() != null) {
				replacePlan(contract, input.instalments());
			}
		});
	}

	@Transactional
	public void delete(CurrentUser me, long id, Integer version) {
		get(me.scope(), id);
		Contract contract = load(id);
		StaleEditException.check(AUDIT_TYPE, id, version, contract.getVersion());
		contract.requireDraft();
		this.audit.deleted(AUDIT_TYPE, id, contract.getAccountId(), contract.auditValues());
		this.repository.delete(contract);
	}

	/**
	 * Puts a contract in force.
	 * @throws RuleViolationException on {@code amount} when it would take the account
	 * over its credit limit: a manager must confirm it ({@link #approve})
	 */
	@Transactional
	public ContractView activate(CurrentUser me, long id, Integer version) {
		return change(me, id, version, (contract) -> {
			// Two contracts of the account activated at once would each check the limit
			// without the other's receivables: the account's lock puts them one after the
			// other (decision 0040).
			this.accountLocks.lock(contract.getAccountId());
			CreditUse credit = creditUse(contract);
			if (credit.over() && (contract.getStatus() == ContractStatus.DRAFT
					|| contract.getStatus() == ContractStatus.AWAITING_APPROVAL)) {
				throw new RuleViolationException("amount", "validation.contract.overCreditLimit", money(credit.used()),
						money(credit.limit()));
			}
			contract.activate();
			activated(contract);
		});
	}

	/** Tells other systems a contract took effect, in the activating transaction. */
	private void activated(Contract contract) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("accountId", contract.getAccountId());
		payload.put("number", contract.getNumber());
		payload.put("amount", contract.getAmount());
		this.events.publishEvent(new RecordEvent(EventType.CONTRACT_ACTIVATED, contract.getId(), payload));
	}

	/**
	 * Holds a draft for a manager's confirmation, telling the owner and their managers.
	 * @throws RuleViolationException when the contract stays within the account's limit:
	 * it can simply be activated
	 */
	@Transactional
	public ContractView requestApproval(CurrentUser me, long id, Integer version) {
		return change(me, id, version, (contract) -> {
			CreditUse credit = creditUse(contract);
			if (!credit.over()) {
				throw new RuleViolationException("amount", "validation.contract.withinCreditLimit");
			}
			contract.awaitApproval();
			this.events.publishEvent(new NoticeRequested(List.of(contract.getOwnerId()), true, APPROVAL_REQUESTED,
					"notice." + APPROVAL_REQUESTED,
					List.of(contract.getNumber(), money(credit.used()), money(credit.limit())),
					"/contracts/" + contract.getId(), APPROVAL_REQUESTED + ":" + contract.getId()));
		});
	}

	/**
	 * A manager (or above) confirms a contract over the account's credit limit and puts
	 * it in force; the reason and the figures go to the audit.
	 * @throws NotFoundException when the contract's account is out of scope
	 * @throws AccessDeniedException for a key account manager
	 * @throws RuleViolationException on {@code reason} when none is given
	 */
	@Transactional
	public ContractView approve(CurrentUser me, long id, Integer version, String reason) {
		get(me.scope(), id);
		if (!me.managesOthers()) {
			throw new AccessDeniedException("Only managers confirm a contract over the credit limit");
		}
		if (!StringUtils.hasText(reason) || reason.strip().length() > REASON_LENGTH) {
			throw new RuleViolationException("reason", "validation.contract.approvalReason", REASON_LENGTH);
		}
		return change(me, id, version, (contract) -> {
			CreditUse credit = creditUse(contract);
			contract.activate();
			activated(contract);
			this.audit.changed(AUDIT_TYPE, id, contract.getAccountId(),
					Map.of("creditApproval", "", "creditUsed", "", "creditLimit", ""),
					Map.of("creditApproval", reason.strip(), "creditUsed", money(credit.used()), "creditLimit",
							credit.limited() ? money(credit.limit()) : ""));
		});
	}

	/**
	 * The contracts in the reader's scope held for a manager's confirmation, longest
	 * waiting first, for the to-do list of whoever may confirm them ({@link #approve}).
	 */
	public ContractsAwaitingApproval awaitingApproval(CurrentUser me, int limit) {
		if (!me.managesOthers()) {
			return new ContractsAwaitingApproval(false, List.of(), 0);
		}
		AccountScopeSql scopeSql = AccountScopeSql.of(me.scope(), "c.account_id");
		String waiting = "from contract c where c.status = 'AWAITING_APPROVAL' and " + scopeSql.condition();
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("limit", limit);
		List<Object[]> rows = this.jdbc
			.sql("select c.id, c.number, c.account_id, c.owner_id, c.amount " + waiting + " order by c.id limit :limit")
			.params(params)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
							rs.getBigDecimal(5) })
			.list();
		long total = (rows.size() < limit) ? rows.size()
				: this.jdbc.sql("select count(*) " + waiting).params(scopeSql.params()).query(Long.class).single();
		Map<Long, String> names = this.accounts.names(rows.stream().map((row) -> (Long) row[2]).toList());
		Map<Long, UserSummary> owners = this.users.byIds(rows.stream().map((row) -> (Long) row[3]).toList());
		List<ContractsAwaitingApproval.Item> contracts = rows.stream().map((row) -> {
			UserSummary owner = owners.get(row[3]);
			return new ContractsAwaitingApproval.Item((Long) row[0], (String) row[1], (Long) row[2], names.get(row[2]),
					(owner != null) ? owner.displayName() : null, (BigDecimal) row[4]);
		}).toList();
		return new ContractsAwaitingApproval(true, contracts, total);
	}

	/**
	 * The account's credit limit against what it owes elsewhere and what this contract
	 * still has to receive.
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	public CreditUse creditUse(RecordScope scope, long id) {
		get(scope, id);
		return creditUse(load(id));
	}

	private CreditUse creditUse(Contract contract) {
		BigDecimal others = this.jdbc
			.sql("select coalesce(sum(o.owed), 0) from (" + Receivables.OWED
					+ " and i.account_id = :account and i.contract_id <> :contract) o")
			.param("account", contract.getAccountId())
			.param("contract", contract.getId())
			.query(BigDecimal.class)
			.single();
		BigDecimal received = this.instalments.sums(List.of(contract.getId()), today())
			.getOrDefault(contract.getId(), Instalments.Sums.NONE)
			.received();
		BigDecimal unpaid = contract.getAmount().subtract(received).max(BigDecimal.ZERO);
		return new CreditUse(this.limits.granted(contract.getAccountId()).orElse(null), others, unpaid);
	}

	private static String money(BigDecimal amount) {
		return amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
	}

	@Transactional
	public ContractView complete(CurrentUser me, long id, Integer version) {
		return change(me, id, version, (contract) -> contract.complete(today()));
	}

	@Transactional
	public ContractView terminate(CurrentUser me, long id, Integer version, String reason) {
		if (!StringUtils.hasText(reason)) {
			throw new RuleViolationException("reason", "validation.contract.reasonRequired");
		}
		return change(me, id, version, (contract) -> contract.terminate(reason.strip(), today()));
	}

	/**
	 * The contract's payment plan, each instalment with what is paid and owed.
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	public List<InstalmentView> plan(RecordScope scope, long id) {
		ContractView contract = get(scope, id);
		return this.instalments.of(List.of(id), Map.of(id, contract.number()), today());
	}

	/**
	 * A new payment plan for an open contract nothing has been paid on yet.
	 * @throws RuleViolationException on {@code instalments} when they do not add up to
	 * the amount or a receipt already pays the old plan
	 */
	@Transactional
	public List<InstalmentView> replacePlan(CurrentUser me, long id, Integer version, List<InstalmentInput> plan) {
		change(me, id, version, (contract) -> replacePlan(contract, plan));
		return plan(me.scope(), id);
	}

	private void replacePlan(Contract contract, List<InstalmentInput> plan) {
		contract.requireOpen();
		Instalments.requireAddsUp(plan, contract.getAmount());
		if (this.instalments.anyPaid(contract.getId())) {
			throw new RuleViolationException("instalments", "validation.contract.planPaid");
		}
		this.instalments.replace(contract.getId(), contract.getAccountId(), plan);
	}

	/**
	 * Writes an instalment off as a default (§5 #9): what it still owes is no longer
	 * receivable.
	 * @throws RuleViolationException when it owes nothing
	 */
	@Transactional
	public ContractView writeOff(CurrentUser me, long id, long instalmentId, Integer version) {
		LocalDate today = today();
		return change(me, id, version, (contract) -> {
			if (contract.getStatus() == ContractStatus.DRAFT) {
				throw new ContractStateException("contract.state.draft", contract.getStatus());
			}
			InstalmentView instalment = this.instalments.one(id, instalmentId, today);
			if (instalment == null) {
				throw new NotFoundException("Instalment", instalmentId);
			}
			if (instalment.outstanding().signum() <= 0) {
				throw new RuleViolationException("instalmentId", "validation.contract.nothingOwed");
			}
			this.instalments.writeOff(instalmentId, today);
			this.audit.changed(AUDIT_TYPE, id, contract.getAccountId(), Map.of("writtenOff", ""),
					Map.of("writtenOff", instalment.dueDate() + " " + instalment.outstanding().toPlainString()));
		});
	}

	/**
	 * Follows a merge: the absorbed account's contracts, plans and receipts move over.
	 */
	@Transactional
	void moveAccount(long absorbedId, long survivorId) {
		this.jdbc.sql("update contract set account_id = :survivor where account_id = :absorbed")
			.param("survivor", survivorId)
			.param("absorbed", absorbedId)
			.update();
		this.instalments.moveAccount(absorbedId, survivorId);
		this.books.changed(List.of(absorbedId, survivorId));
	}

	/**
	 * Locks the contract's row for the rest of the transaction, so receipts on one
	 * contract allocate one after the other.
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	ContractView lock(RecordScope scope, long id) {
		ContractView contract = get(scope, id);
		this.jdbc.sql("select id from contract where id = :id for update").param("id", id).query(Long.class).list();
		return contract;
	}

	/**
	 * Locks the rows of these contracts, in the order of their ids so that two
	 * transactions locking overlapping sets wait for each other instead of deadlocking,
	 * then reads the ones the reader may see, by id. Read after the lock, so the status
	 * is the one that holds until commit.
	 */
	Map<Long, ContractRef> lockAll(RecordScope scope, Collection<Long> ids) {
		Map<Long, ContractRef> found = new HashMap<>();
		if (ids.isEmpty()) {
			return found;
		}
		Set<Long> unique = Set.copyOf(ids);
		this.jdbc.sql("select id from contract where id in (:ids) order by id for update")
			.param("ids", unique)
			.query(Long.class)
			.list();
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("ids", unique);
		this.jdbc
			.sql("select c.id, c.number, c.account_id, c.status from contract c where c.id in (:ids) and "
					+ scopeSql.condition())
			.params(params)
			.query((rs, n) -> new ContractRef(rs.getLong(1), rs.getString(2), rs.getLong(3),
					ContractStatus.valueOf(rs.getString(4).strip())))
			.list()
			.forEach((ref) -> found.put(ref.id(), ref));
		return found;
	}

	private ContractView change(CurrentUser me, long id, Integer version, Consumer<Contract> step) {
		get(me.scope(), id);
		Contract contract = load(id);
		StaleEditException.check(AUDIT_TYPE, id, version, contract.getVersion());
		Map<String, Object> before = contract.auditValues();
		step.accept(contract);
		// Saved even when only the plan changed, so the version moves and a stale plan
		// edit is refused.
		Contract saved = this.repository.save(contract);
		this.audit.changed(AUDIT_TYPE, id, saved.getAccountId(), before, saved.auditValues());
		// Every change may change what the account owes: its status, plan, write-offs.
		this.books.changed(List.of(saved.getAccountId()));
		return view(id);
	}

	private Contract load(long id) {
		return this.repository.findById(id).orElseThrow(() -> new NotFoundException(AUDIT_TYPE, id));
	}

	private Contract.Terms terms(ContractInput input) {
		if (input.startDate() != null && input.endDate() != null && input.endDate().isBefore(input.startDate())) {
			throw new RuleViolationException("endDate", "validation.contract.endBeforeStart");
		}
		List<ContractLine> lines = new ArrayList<>();
		if (input.lines() != null && !input.lines().isEmpty()) {
			Set<Long> products = new HashSet<>();
			BigDecimal total = BigDecimal.ZERO;
			for (LineInput line : input.lines()) {
				if (line.productId() == null && !StringUtils.hasText(line.description())) {
					throw new RuleViolationException("lines", "validation.contract.lineNeedsProduct");
				}
				if (line.productId() != null) {
					products.add(line.productId());
				}
				total = total.add(line.amount());
				lines.add(new ContractLine(line.productId(),
						StringUtils.hasText(line.description()) ? line.description().strip() : null, line.amount()));
			}
			if (!this.catalog.names(products).keySet().containsAll(products)) {
				throw new RuleViolationException("lines", "validation.contract.unknownProduct");
			}
			if (total.compareTo(input.amount()) != 0) {
				throw new RuleViolationException("lines", "validation.contract.linesSum", total.toPlainString(),
						input.amount().toPlainString());
			}
		}
		String paymentTerms = StringUtils.hasText(input.paymentTerms()) ? input.paymentTerms().strip() : null;
		return new Contract.Terms(input.signedDate(), input.startDate(), input.endDate(), input.amount(), paymentTerms,
				lines);
	}

	private long owner(String username, AccountRef account) {
		if (StringUtils.hasText(username)) {
			return this.users.requireActive(username.strip(), "owner").id();
		}
		if (account.ownerId() == null) {
			// An account of the public pool has nobody to default to.
			throw new RuleViolationException("owner", "validation.required");
		}
		return account.ownerId();
	}

	private String number(String given, LocalDate signed) {
		if (StringUtils.hasText(given)) {
			String number = given.strip();
			if (this.repository.existsByNumber(number)) {
				throw new RuleViolationException("number", "validation.contract.numberTaken", number);
			}
			return number;
		}
		String drawn = this.numbers.next(signed);
		// A number given by hand may already hold the next value of the sequence.
		while (this.repository.existsByNumber(drawn)) {
			drawn = this.numbers.next(signed);
		}
		return drawn;
	}

	private ContractView view(long id) {
		// Read back without scope: the caller has just checked it.
		return list(RecordScope.everything(0), ContractFilter.all(), id, 1).get(0);
	}

	private List<ContractView> list(RecordScope scope, ContractFilter filter, Long id, int limit) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		StringBuilder sql = new StringBuilder("""
				select c.id, c.number, c.account_id, c.opportunity_id, c.signed_date, c.start_date, c.end_date,
				       c.amount, c.payment_terms, c.owner_id, c.status, c.termination_reason, c.version
				from contract c where """).append(" ").append(scopeSql.condition());
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		if (id != null) {
			sql.append(" and c.id = :id");
			params.put("id", id);
		}
		if (filter.accountId() != null) {
			sql.append(" and c.account_id = :account");
			params.put("account", filter.accountId());
		}
		if (filter.status() != null) {
			sql.append(" and c.status = :status");
			params.put("status", filter.status().name());
		}
		if (StringUtils.hasText(filter.owner())) {
			Long owner = this.users.findByUsername(filter.owner().strip()).map(UserSummary::id).orElse(-1L);
			sql.append(" and c.owner_id = :owner");
			params.put("owner", owner);
		}
		if (filter.overdue()) {
			sql.append(" and c.status not in ('DRAFT', 'AWAITING_APPROVAL') and exists (select 1 from instalment o")
				.append(" where o.contract_id = c.id and o.written_off_on is null and o.paid < o.amount")
				.append(" and o.due_date < :today)");
			params.put("today", today());
		}
		sql.append(" order by c.signed_date desc, c.id desc limit :limit");
		params.put("limit", limit);
		List<Row> rows = this.jdbc.sql(sql.toString()).params(params).query(Contracts::row).list();
		return views(rows);
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		return new Row(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, Long.class),
				rs.getDate(5).toLocalDate(), date(rs.getDate(6)), date(rs.getDate(7)), rs.getBigDecimal(8),
				rs.getString(9), rs.getLong(10), ContractStatus.valueOf(rs.getString(11).strip()), rs.getString(12),
				rs.getInt(13));
	}

	private List<ContractView> views(List<Row> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		List<Long> ids = rows.stream().map(Row::id).toList();
		Map<Long, List<ContractLine>> lines = new HashMap<>();
		Set<Long> products = new HashSet<>();
		this.jdbc
			.sql("select contract_id, product_id, description, amount from contract_line where contract_id in (:ids)"
					+ " order by contract_id, position")
			.param("ids", ids)
			.query((rs, n) -> {
				ContractLine line = new ContractLine(rs.getObject(2, Long.class), rs.getString(3), rs.getBigDecimal(4));
				if (line.productId() != null) {
					products.add(line.productId());
				}
				return lines.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>()).add(line);
			})
			.list();
		Map<Long, String> productNames = this.catalog.names(products);
		Map<Long, String> accountNames = this.accounts.names(rows.stream().map(Row::accountId).toList());
		Map<Long, UserSummary> owners = this.users.byIds(rows.stream().map(Row::ownerId).toList());
		Map<Long, Instalments.Sums> sums = this.instalments.sums(ids, today());
		List<ContractView> views = new ArrayList<>();
		for (Row r : rows) {
			UserSummary owner = owners.get(r.ownerId());
			Instalments.Sums s = sums.getOrDefault(r.id(), Instalments.Sums.NONE);
			List<ContractView.Line> shown = lines.getOrDefault(r.id(), List.of())
				.stream()
				.map((line) -> new ContractView.Line(line.productId(),
						(line.productId() != null) ? productNames.get(line.productId()) : null, line.description(),
						line.amount()))
				.toList();
			views.add(new ContractView(r.id(), r.number(), r.accountId(), accountNames.get(r.accountId()),
					r.opportunityId(), r.signedDate(), r.startDate(), r.endDate(), r.amount(), r.paymentTerms(),
					(owner != null) ? owner.username() : null, (owner != null) ? owner.displayName() : null, r.status(),
					r.terminationReason(), shown, s.planned(), s.received(), s.outstanding(), s.overdue(),
					r.version()));
		}
		return views;
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	private static LocalDate date(java.sql.Date date) {
		return (date != null) ? date.toLocalDate() : null;
	}

	private record Row(long id, String number, long accountId, Long opportunityId, LocalDate signedDate,
			LocalDate startDate, LocalDate endDate, BigDecimal amount, String paymentTerms, long ownerId,
			ContractStatus status, String terminationReason, int version) {
	}

}
