package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A signed contract (合同, DOMAIN.md §12). Its terms change only while it is a draft; it
 * then moves forward by its verbs: DRAFT → ACTIVE → COMPLETED, or TERMINATED with a
 * reason from any open status; a draft over the account's credit limit waits in
 * AWAITING_APPROVAL for a manager to confirm it. The payment plan and receipts hang off
 * it in their own tables, so a receipt never rewrites the contract.
 */
@Table("contract")
class Contract {

	@Id
	private Long id;

	private String number;

	private long accountId;

	private Long opportunityId;

	private LocalDate signedDate;

	private LocalDate startDate;

	private LocalDate endDate;

	private BigDecimal amount;

	private String paymentTerms;

	private long ownerId;

	private ContractStatus status;

	private String terminationReason;

	private long createdBy;

	private LocalDateTime createdAt;

	private LocalDate endedOn;

	@MappedCollection(idColumn = "contract_id", keyColumn = "position")
	private List<ContractLine> lines = new ArrayList<>();

	@Version
	private int version;

	private Contract() {
	}

	/** A draft contract as entered; the number is already drawn or given. */
	static Contract draft(String number, long accountId, Long opportunityId, Terms terms, long ownerId, long creator,
			LocalDateTime now) {
		Contract contract = new Contract();
		contract.number = number;
		contract.accountId = accountId;
		contract.opportunityId = opportunityId;
		contract.ownerId = ownerId;
		contract.status = ContractStatus.DRAFT;
		contract.createdBy = creator;
		contract.createdAt = now;
		contract.apply(terms);
		return contract;
	}

	/** New terms for a draft; a contract past draft keeps what was signed. */
	void revise(Terms terms, long ownerId) {
		requireDraft();
		apply(terms);
		this.ownerId = ownerId;
	}

	private void apply(Terms terms) {
		this.signedDate = terms.signedDate();
		this.startDate = terms.startDate();
		this.endDate = terms.endDate();
		this.amount = terms.amount();
		this.paymentTerms = terms.paymentTerms();
		this.lines = new ArrayList<>(terms.lines());
	}

	/** The customer's signature is in force: receipts are expected from now on. */
	void activate() {
		if (this.status != ContractStatus.DRAFT && this.status != ContractStatus.AWAITING_APPROVAL) {
			throw new ContractStateException("contract.state.notDraft", this.status);
		}
		this.status = ContractStatus.ACTIVE;
	}

	/**
	 * Held for a manager's confirmation: the contract would take the account over its
	 * credit limit. Its terms are fixed from now on.
	 */
	void awaitApproval() {
		requireDraft();
		this.status = ContractStatus.AWAITING_APPROVAL;
	}

	/** Everything was delivered and settled. */
	void complete(LocalDate today) {
		if (this.status != ContractStatus.ACTIVE) {
			throw new ContractStateException("contract.state.notActive", this.status);
		}
		this.status = ContractStatus.COMPLETED;
		this.endedOn = today;
	}

	/** Ended early, for the reason given; a closed contract stays closed. */
	void terminate(String reason, LocalDate today) {
		if (!this.status.open()) {
			throw new ContractStateException("contract.state.closed", this.status);
		}
		this.status = ContractStatus.TERMINATED;
		this.terminationReason = reason;
		this.endedOn = today;
	}

	/** Only a draft may be deleted: anything signed stays on record. */
	void requireDraft() {
		if (this.status != ContractStatus.DRAFT) {
			throw new ContractStateException("contract.state.notDraft", this.status);
		}
	}

	/** Receipts and plan changes need money still to be expected. */
	void requireOpen() {
		if (!this.status.open()) {
			throw new ContractStateException("contract.state.closed", this.status);
		}
	}

	/** The fields the history shows, as text. */
	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("number", this.number);
		values.put("signedDate", this.signedDate);
		values.put("startDate", this.startDate);
		values.put("endDate", this.endDate);
		values.put("amount", this.amount.toPlainString());
		values.put("paymentTerms", this.paymentTerms);
		values.put("ownerId", this.ownerId);
		values.put("contractStatus", this.status.name());
		values.put("terminationReason", this.terminationReason);
		values.put("lines", this.lines.isEmpty() ? null
				: this.lines.stream().map((line) -> line.amount().toPlainString()).toList().toString());
		return values;
	}

	Long getId() {
		return this.id;
	}

	String getNumber() {
		return this.number;
	}

	long getAccountId() {
		return this.accountId;
	}

	BigDecimal getAmount() {
		return this.amount;
	}

	long getOwnerId() {
		return this.ownerId;
	}

	ContractStatus getStatus() {
		return this.status;
	}

	int getVersion() {
		return this.version;
	}

	/** What a contract says, checked by the caller to add up. */
	record Terms(LocalDate signedDate, LocalDate startDate, LocalDate endDate, BigDecimal amount, String paymentTerms,
			List<ContractLine> lines) {
	}

}
