package io.dakehu.contract;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Money received on contracts (回款). A receipt pays the contract's instalments oldest due
 * first when it is recorded; a user may re-allocate it later. What no instalment takes is
 * a credit on the account. Receipts on one contract are allocated one after the other
 * under the contract's row lock.
 */
@Service
@Transactional(readOnly = true)
public class Receipts {

	static final String AUDIT_TYPE = "Receipt";

	private final Contracts contracts;

	private final Instalments instalments;

	private final JdbcClient jdbc;

	private final ReceiptWriter writer;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	private final ReceivableBooks books;

	Receipts(Contracts contracts, Instalments instalments, JdbcClient jdbc, ReceiptWriter writer, Users users,
			AuditTrail audit, Clock clock, ApplicationEventPublisher events, ReceivableBooks books) {
		this.events = events;
		this.books = books;
		this.contracts = contracts;
		this.instalments = instalments;
		this.jdbc = jdbc;
		this.writer = writer;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * Records a receipt and allocates it oldest due first.
	 * @throws NotFoundException when the contract does not exist or its account is out of
	 * scope
	 * @throws RuleViolationException when the date lies in the future
	 */
	@Transactional
	public ReceiptView record(CurrentUser me, ReceiptInput input) {
		return get(me.scope(), recordAll(me, List.of(input)).get(0));
	}

	/**
	 * Records many receipts, as an ERP file brings them, with the rules of
	 * {@link #record} and the same allocations as recording them one by one in this
	 * order: each pays its contract's instalments oldest due first, out of what the
	 * receipts before it left owing. The contracts are locked and their open instalments
	 * read once for the whole batch; receipts, allocations and audit entries are written
	 * in JDBC batches.
	 * @return the new receipts' ids, in the order of the inputs
	 * @throws NotFoundException when a contract does not exist or its account is out of
	 * scope
	 * @throws RuleViolationException when a date lies in the future
	 */
	@Transactional
	public List<Long> recordAll(CurrentUser me, List<ReceiptInput> inputs) {
		if (inputs.isEmpty()) {
			return List.of();
		}
		List<Long> contractIds = inputs.stream().map(ReceiptInput::contractId).toList();
		Map<Long, ContractRef> contracts = this.contracts.lockAll(me.scope(), contractIds);
		LocalDate today = LocalDate.now(this.clock);
		for (ReceiptInput input : inputs) {
			ContractRef contract = contracts.get(input.contractId());
			if (contract == null) {
				throw new NotFoundException(Contracts.AUDIT_TYPE, input.contractId());
			}
			if (!contract.takesReceipts()) {
				throw new ContractStateException("contract.state.draft", contract.status());
			}
			if (input.date().isAfter(today)) {
				throw new RuleViolationException("date", "validation.contract.receiptInFuture");
			}
		}
		Map<Long, List<Allocations.Open>> open = this.instalments.openOf(contracts.keySet());
		List<Allocations.Result> results = new ArrayList<>(inputs.size());
		for (ReceiptInput input : inputs) {
			List<Allocations.Open> owed = open.getOrDefault(input.contractId(), List.of());
			Allocations.Result result = Allocations.oldestFirst(owed, input.amount());
			open.put(input.contractId(), Allocations.remaining(owed, result));
			results.add(result);
		}
		List<ReceiptWriter.NewReceipt> receipts = new ArrayList<>(inputs.size());
		for (ReceiptInput input : inputs) {
			receipts.add(new ReceiptWriter.NewReceipt(input.contractId(), contracts.get(input.contractId()).accountId(),
					input.date(), input.amount(), input.method().name(),
					StringUtils.hasText(input.reference()) ? input.reference().strip() : null, me.id()));
		}
		LocalDateTime recordedAt = LocalDateTime.now(this.clock);
		List<Long> ids = this.writer.receipts(receipts, recordedAt);
		List<ReceiptWriter.NewAllocation> allocations = new ArrayList<>();
		List<AuditTrail.Created> audited = new ArrayList<>(inputs.size());
		for (int i = 0; i < inputs.size(); i++) {
			ReceiptInput input = inputs.get(i);
			ContractRef contract = contracts.get(input.contractId());
			Allocations.Result result = results.get(i);
			for (Allocations.Share share : result.shares()) {
				allocations.add(new ReceiptWriter.NewAllocation(ids.get(i), share));
			}
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("contract", contract.number());
			values.put("date", input.date());
			values.put("amount", input.amount().toPlainString());
			values.put("method", input.method().name());
			values.put("reference", input.reference());
			values.put("credit", result.credit().toPlainString());
			audited.add(new AuditTrail.Created(ids.get(i), contract.accountId(), values));
		}
		this.writer.allocations(allocations);
		this.books.changed(receipts.stream().map(ReceiptWriter.NewReceipt::accountId).toList());
		this.audit.createdAll(AUDIT_TYPE, audited);
		received(me, ids, recordedAt);
		return ids;
	}

	/**
	 * One {@code receipt.recorded} event per receipt just written, set-based however many
	 * an import brought: this batch's receipts are those of its id range written at its
	 * moment by its user.
	 */
	private void received(CurrentUser me, List<Long> ids, LocalDateTime recordedAt) {
		Map<String, Object> params = new HashMap<>();
		params.put("receiptFirst", ids.stream().mapToLong(Long::longValue).min().orElseThrow());
		params.put("receiptLast", ids.stream().mapToLong(Long::longValue).max().orElseThrow());
		params.put("receiptAt", Timestamp.valueOf(recordedAt));
		params.put("receiptBy", me.id());
		this.events.publishEvent(new RecordEvents(EventType.RECEIPT_RECORDED, """
				select r.id as record_id,
				       '{"accountId":' || cast(r.account_id as varchar(20)) || ',"contractId":'
				       || cast(r.contract_id as varchar(20)) || ',"amount":' || cast(r.amount as varchar(40))
				       || ',"receivedOn":"' || cast(r.received_on as varchar(10)) || '","method":"' || r.method
				       || '"}' as payload
				from receipt r
				where r.id between :receiptFirst and :receiptLast and r.recorded_at = :receiptAt
				  and r.recorded_by = :receiptBy""", params));
	}

	/**
	 * Replaces a receipt's allocation by the user's; what it leaves over becomes credit.
	 * @param shares the amount for each instalment, by instalment id
	 * @throws RuleViolationException on {@code allocations} when a share does not fit
	 */
	@Transactional
	public ReceiptView reallocate(CurrentUser me, long id, Map<Long, BigDecimal> shares) {
		ReceiptView receipt = get(me.scope(), id);
		this.contracts.lock(me.scope(), receipt.contractId());
		// Released first, so what the instalments owe is read without this receipt; a
		// refused allocation rolls the release back with the transaction.
		this.writer.release(id);
		Allocations.Result result = Allocations.manual(this.instalments.open(receipt.contractId()), receipt.amount(),
				shares);
		store(id, result);
		this.books.changed(List.of(receipt.accountId()));
		this.audit.changed(AUDIT_TYPE, id, receipt.accountId(), Map.of("allocations", text(receipt.allocations())),
				Map.of("allocations", text(get(me.scope(), id).allocations())));
		return get(me.scope(), id);
	}

	private static String text(List<ReceiptView.Share> shares) {
		return shares.stream().map((s) -> s.dueDate() + " " + s.amount().toPlainString()).toList().toString();
	}

	private void store(long receiptId, Allocations.Result result) {
		this.writer.allocations(
				result.shares().stream().map((share) -> new ReceiptWriter.NewAllocation(receiptId, share)).toList());
	}

	/**
	 * @throws NotFoundException when it does not exist or its account is out of scope
	 */
	public ReceiptView get(RecordScope scope, long id) {
		List<ReceiptView> found = list(scope, "r.id = :id", Map.of("id", id), 1);
		if (found.isEmpty()) {
			throw new NotFoundException(AUDIT_TYPE, id);
		}
		return found.get(0);
	}

	/** The receipts of a contract, latest first. */
	public List<ReceiptView> ofContract(RecordScope scope, long contractId) {
		this.contracts.get(scope, contractId);
		return list(scope, "r.contract_id = :contract", Map.of("contract", contractId), 1000);
	}

	/** The latest receipts on an account the caller has checked. */
	List<ReceiptView> latestOnAccount(RecordScope scope, long accountId, int limit) {
		return list(scope, "r.account_id = :account", Map.of("account", accountId), limit);
	}

	private List<ReceiptView> list(RecordScope scope, String condition, Map<String, Object> conditionParams,
			int limit) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "r.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.putAll(conditionParams);
		params.put("limit", limit);
		List<Row> rows = this.jdbc
			.sql("""
					select r.id, r.contract_id, c.number, r.account_id, r.received_on, r.amount, r.method, r.reference,
					       r.recorded_by
					from receipt r join contract c on c.id = r.contract_id
					where %s and %s order by r.received_on desc, r.id desc limit :limit"""
				.formatted(scopeSql.condition(), condition))
			.params(params)
			.query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
					rs.getDate(5).toLocalDate(), rs.getBigDecimal(6), PaymentMethod.valueOf(rs.getString(7).strip()),
					rs.getString(8), rs.getLong(9)))
			.list();
		if (rows.isEmpty()) {
			return List.of();
		}
		Map<Long, List<ReceiptView.Share>> shares = new HashMap<>();
		this.jdbc.sql("""
				select a.receipt_id, a.instalment_id, i.due_date, a.amount
				from receipt_allocation a join instalment i on i.id = a.instalment_id
				where a.receipt_id in (:ids) order by i.due_date, i.id""")
			.param("ids", rows.stream().map(Row::id).toList())
			.query((rs, n) -> shares.computeIfAbsent(rs.getLong(1), (k) -> new ArrayList<>())
				.add(new ReceiptView.Share(rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getBigDecimal(4))))
			.list();
		Map<Long, String> recorders = this.users.displayNames(rows.stream().map(Row::recordedBy).toList());
		return rows.stream().map((r) -> {
			List<ReceiptView.Share> allocated = shares.getOrDefault(r.id(), List.of());
			BigDecimal credit = r.amount()
				.subtract(allocated.stream().map(ReceiptView.Share::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
			return new ReceiptView(r.id(), r.contractId(), r.number(), r.accountId(), r.date(), r.amount(), r.method(),
					r.reference(), recorders.get(r.recordedBy()), allocated, credit);
		}).toList();
	}

	private record Row(long id, long contractId, String number, long accountId, LocalDate date, BigDecimal amount,
			PaymentMethod method, String reference, long recordedBy) {
	}

}
