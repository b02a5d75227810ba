package io.dakehu.account;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.dakehu.shared.NameSearch;
import io.dakehu.shared.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A customer organisation with its owner (the key account manager) and account team.
 */
@Table("account")
class Account {

	@Id
	private Long id;

	private String name;

	private String nameKey;

	private String matchKey;

	private Long mergedInto;

	private String registrationId;

	private String industry;

	private String region;

	private String address;

	private Integer employees;

	private BigDecimal annualRevenue;

	private Long parentId;

	/** Null while the account is in the public pool (decision 0032). */
	private Long ownerId;

	private LocalDateTime ownedSince;

	private LocalDateTime pooledAt;

	private PoolReason poolReason;

	private String poolNote;

	private Long previousOwnerId;

	private KeyAccountType keyAccountType;

	private RelationshipType relationshipType;

	private SalesApproach salesApproach;

	private LifecycleStatus status;

	private ChurnReason churnReason;

	private LocalDate lostOn;

	/**
	 * Kept by set-based updates from the ledger's events (see {@link AccountLifecycle}),
	 * never by saving the aggregate, so a save cannot put back a date it read before a
	 * purchase arrived.
	 */
	@ReadOnlyProperty
	private LocalDate lastPurchaseOn;

	private boolean archived;

	/** A distributor, dealer, wholesaler or agent, evaluated on the channel card. */
	private boolean channelPartner;

	private String description;

	private LocalDateTime createdAt;

	private LocalDateTime updatedAt;

	@MappedCollection(idColumn = "account_id")
	private Set<AccountTeamMember> team = new HashSet<>();

	@Version
	private int version;

	private Account() {
	}

	static Account open(String name, long ownerId, LocalDateTime now) {
		Account account = new Account();
		account.rename(name);
		account.ownerId = ownerId;
		account.ownedSince = now;
		account.status = LifecycleStatus.PROSPECT;
		account.createdAt = now;
		account.updatedAt = now;
		return account;
	}

	void rename(String name) {
		this.name = name.strip();
		this.nameKey = searchKey(this.name);
		this.matchKey = AccountNames.matchKey(this.name);
	}

	void describe(String registrationId, String industry, String region, String address, Integer employees,
			BigDecimal annualRevenue, String description) {
		this.registrationId = registrationId;
		this.industry = industry;
		this.region = region;
		this.address = address;
		this.employees = employees;
		this.annualRevenue = annualRevenue;
		this.description = description;
	}

	void classify(KeyAccountType keyAccountType, RelationshipType relationshipType, SalesApproach salesApproach) {
		this.keyAccountType = keyAccountType;
		this.relationshipType = relationshipType;
		this.salesApproach = salesApproach;
	}

	/**
	 * Makes the account a key account of the given type, as an accepted customer
	 * selection does (DOMAIN.md §6); it stays with its owner, who must have one.
	 */
	void makeKeyAccount(KeyAccountType type) {
		if (type == null) {
			throw new RuleViolationException("keyAccountType", "validation.required");
		}
		if (inPool()) {
			throw new RuleViolationException("owner", "account.validation.keyAccountNeedsOwner");
		}
		this.keyAccountType = type;
	}

	/**
	 * The status a new account starts in: a prospect unless it comes over from another
	 * system as a customer already. Nobody starts as LOST: that is a decision about a
	 * customer, with its reason ({@link #markLost}).
	 */
	void startAs(LifecycleStatus status) {
		if (status == LifecycleStatus.LOST) {
			throw new RuleViolationException("status", "account.validation.lostNeedsDecision");
		}
		this.status = (status != null) ? status : LifecycleStatus.PROSPECT;
	}

	/**
	 * An edit may repeat the status but not change it: purchases and the nightly check
	 * move it, and only {@link #markLost} makes a customer LOST.
	 */
	void keepStatus(LifecycleStatus requested) {
		if (requested != null && requested != this.status) {
			throw new RuleViolationException("status", (requested == LifecycleStatus.LOST)
					? "account.validation.lostNeedsDecision" : "account.validation.statusKeptByProduct");
		}
	}

	/**
	 * A person's decision that a customer is lost, with the reason. Only a customer
	 * (ACTIVE or DORMANT) can be lost; a new purchase brings it back.
	 */
	void markLost(ChurnReason reason, LocalDate on) {
		if (reason == null) {
			throw new RuleViolationException("churnReason", "account.validation.churnReasonRequired");
		}
		if (this.status != LifecycleStatus.ACTIVE && this.status != LifecycleStatus.DORMANT) {
			throw new RuleViolationException("status", "account.validation.onlyCustomersLost", this.status.name());
		}
		this.status = LifecycleStatus.LOST;
		this.churnReason = reason;
		this.lostOn = on;
	}

	void assignOwner(long ownerId, LocalDateTime now) {
		if (this.ownerId == null || this.ownerId != ownerId) {
			this.ownedSince = now;
		}
		this.ownerId = ownerId;
		this.pooledAt = null;
		this.poolReason = null;
		this.poolNote = null;
		this.team.removeIf((member) -> member.userId() == ownerId);
	}

	boolean inPool() {
		return this.ownerId == null;
	}

	/**
	 * Takes the account from the pool. The caller has checked the claimant's maximum and
	 * the reclaim block, which need other accounts and other rows.
	 */
	void claim(long userId, LocalDateTime now) {
		if (!inPool()) {
			throw new RuleViolationException("owner", "account.validation.notInPool");
		}
		assignOwner(userId, now);
	}

	/**
	 * The owner gives the account up, saying why: it enters the pool, where anyone may
	 * claim it.
	 */
	void returnToPool(String reason, LocalDateTime now) {
		if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
			throw new RuleViolationException("reason", "validation.requiredMax", 500);
		}
		if (inPool()) {
			throw new RuleViolationException("owner", "account.validation.inPoolAlready");
		}
		this.previousOwnerId = this.ownerId;
		this.ownerId = null;
		this.ownedSince = null;
		this.pooledAt = now;
		this.poolReason = PoolReason.RETURNED;
		this.poolNote = reason.strip();
	}

	/**
	 * Places the account under a parent. The caller has checked that the parent is not
	 * this account or one of its descendants.
	 */
	void moveUnder(Long parentId) {
		this.parentId = parentId;
	}

	void shareWith(Set<Long> userIds) {
		this.team = userIds.stream()
			.filter((userId) -> !userId.equals(this.ownerId))
			.map(AccountTeamMember::new)
			.collect(Collectors.toCollection(HashSet::new));
	}

	void markChannelPartner(boolean channelPartner) {
		this.channelPartner = channelPartner;
	}

	boolean channelPartner() {
		return this.channelPartner;
	}

	void archive() {
		this.archived = true;
	}

	void restore() {
		this.archived = false;
	}

	/**
	 * Leaves this account as the tombstone of a merge: archived, pointing at the account
	 * that absorbed its records. The caller has moved them.
	 */
	void absorbInto(long survivorId) {
		this.archived = true;
		this.mergedInto = survivorId;
	}

	/**
	 * Takes the other account's values for the fields this one leaves blank, so a merge
	 * loses no registration id, industry or address the absorbed account knew.
	 */
	void fillBlanksFrom(Account other) {
		this.registrationId = (this.registrationId != null) ? this.registrationId : other.registrationId;
		this.industry = (this.industry != null) ? this.industry : other.industry;
		this.region = (this.region != null) ? this.region : other.region;
		this.address = (this.address != null) ? this.address : other.address;
		this.employees = (this.employees != null) ? this.employees : other.employees;
		this.annualRevenue = (this.annualRevenue != null) ? this.annualRevenue : other.annualRevenue;
		this.description = (this.description != null) ? this.description : other.description;
		this.keyAccountType = (this.keyAccountType != null) ? this.keyAccountType : other.keyAccountType;
	}

	Long mergedInto() {
		return this.mergedInto;
	}

	/**
	 * Refuses a change to the tombstone of a merge: its records went to the survivor, and
	 * restored or edited it would stand in the owner's counts as an account no list
	 * shows.
	 * @throws RuleViolationException when the account was merged into another
	 */
	void requireLive() {
		if (this.mergedInto != null) {
			throw new RuleViolationException("account", "validation.mergedAlready");
		}
	}

	void touch(LocalDateTime now) {
		this.updatedAt = now;
	}

	/**
	 * The name as searches compare it; the same key the search's text is turned into, so
	 * the pieces the database keeps of it match the typed ones (decision 0054).
	 */
	static String searchKey(String text) {
		return NameSearch.key(text);
	}

	Map<String, Object> auditValues() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", this.name);
		values.put("registrationId", this.registrationId);
		values.put("industry", this.industry);
		values.put("region", this.region);
		values.put("address", this.address);
		values.put("employees", this.employees);
		values.put("annualRevenue", (this.annualRevenue != null) ? this.annualRevenue.toPlainString() : null);
		values.put("parentId", this.parentId);
		values.put("ownerId", this.ownerId);
		values.put("poolReason", this.poolReason);
		values.put("poolNote", this.poolNote);
		values.put("keyAccountType", this.keyAccountType);
		values.put("relationshipType", this.relationshipType);
		values.put("salesApproach", this.salesApproach);
		values.put("status", this.status);
		values.put("churnReason", this.churnReason);
		values.put("lostOn", this.lostOn);
		values.put("archived", this.archived);
		values.put("channelPartner", this.channelPartner);
		values.put("description", this.description);
		values.put("team", new TreeSet<>(teamUserIds()).toString());
		return values;
	}

	Set<Long> teamUserIds() {
		return this.team.stream().map(AccountTeamMember::userId).collect(Collectors.toSet());
	}

	Long id() {
		return this.id;
	}

	String name() {
		return this.name;
	}

	Long parentId() {
		return this.parentId;
	}

	Long ownerId() {
		return this.ownerId;
	}

	Long previousOwnerId() {
		return this.previousOwnerId;
	}

	LocalDateTime pooledAt() {
		return this.pooledAt;
	}

	PoolReason poolReason() {
		return this.poolReason;
	}

	String poolNote() {
		return this.poolNote;
	}

	boolean archived() {
		return this.archived;
	}

	int version() {
		return this.version;
	}

	String registrationId() {
		return this.registrationId;
	}

	String industry() {
		return this.industry;
	}

	String region() {
		return this.region;
	}

	String address() {
		return this.address;
	}

	Integer employees() {
		return this.employees;
	}

	BigDecimal annualRevenue() {
		return this.annualRevenue;
	}

	KeyAccountType keyAccountType() {
		return this.keyAccountType;
	}

	RelationshipType relationshipType() {
		return this.relationshipType;
	}

	SalesApproach salesApproach() {
		return this.salesApproach;
	}

	LifecycleStatus status() {
		return this.status;
	}

	ChurnReason churnReason() {
		return this.churnReason;
	}

	LocalDate lostOn() {
		return this.lostOn;
	}

	LocalDate lastPurchaseOn() {
		return this.lastPurchaseOn;
	}

	String description() {
		return this.description;
	}

	LocalDateTime createdAt() {
		return this.createdAt;
	}

	LocalDateTime updatedAt() {
		return this.updatedAt;
	}

}
