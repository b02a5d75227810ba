package io.dakehu.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvents;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public pool's moves on an account (DOMAIN.md §13, decision 0032): a user claims an
 * account from the pool up to their maximum of owned accounts, a manager assigns one
 * within their team, an owner returns one with a reason, and the pool rules return idle
 * accounts set-based. Whoever gave an account up may not claim it back for
 * {@value #RECLAIM_BLOCK_DAYS} days. Every move is audited on the account.
 */
@Service
@Transactional
public class AccountPool {

	/** Days in which the owner an account left may not claim it back. */
	public static final int RECLAIM_BLOCK_DAYS = 30;

	private final AccountRepository accounts;

	private final AccountQueries queries;

	private final AccountTally tally;

	private final Users users;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final int defaultMaximum;

	private final ApplicationEventPublisher publisher;

	private final AccountEvents events;

	AccountPool(AccountRepository accounts, AccountQueries queries, AccountTally tally, Users users, AuditTrail audit,
			JdbcClient jdbc, Clock clock, @Value("${dakehu.pool.default-max-accounts:200}") int defaultMaximum,
			ApplicationEventPublisher publisher, AccountEvents events) {
		this.events = events;
		this.publisher = publisher;
		this.accounts = accounts;
		this.queries = queries;
		this.tally = tally;
		this.users = users;
		this.audit = audit;
		this.jdbc = jdbc;
		this.clock = clock;
		this.defaultMaximum = defaultMaximum;
	}

	/**
	 * Takes an account from the pool for the user.
	 * @param expectedVersion the version the user saw; null not to check
	 * @throws NotFoundException when the account is someone else's and outside the scope
	 * @throws RuleViolationException when it is not in the pool, the user gave it up less
	 * than {@value #RECLAIM_BLOCK_DAYS} days ago, or owns their maximum already
	 */
	public AccountDetails claim(CurrentUser user, long id, Integer expectedVersion) {
		Account account = readable(user, id);
		if (expectedVersion != null) {
			StaleEditException.check("Account", id, expectedVersion, account.version());
		}
		if (!account.inPool()) {
			throw new RuleViolationException("owner", "account.validation.notInPool");
		}
		LocalDate today = LocalDate.now(this.clock);
		this.jdbc
			.sql("select blocked_until from account_pool_block where account_id = :a and user_id = :u"
					+ " and blocked_until >= :today")
			.param("a", id)
			.param("u", user.id())
			.param("today", today)
			.query(LocalDate.class)
			.optional()
			.ifPresent((until) -> {
				throw new RuleViolationException("owner", "account.validation.reclaimBlocked", until.plusDays(1));
			});
		requireRoomFor(user.id(), "owner");
		return move(account, user.id(), (a, now) -> a.claim(user.id(), now), true);
	}

	/**
	 * Gives an account (from the pool or from another owner) to a user: a manager within
	 * their team, a director or administrator to anyone.
	 * @throws RuleViolationException when a KAM tries, the owner is outside the manager's
	 * team, or the owner has their maximum already
	 */
	public AccountDetails assign(CurrentUser editor, long id, String ownerUsername, Integer expectedVersion) {
		Account account = readable(editor, id);
		if (!account.inPool() && !inScope(editor, account)) {
			throw new NotFoundException("Account", id);
		}
		if (expectedVersion != null) {
			StaleEditException.check("Account", id, expectedVersion, account.version());
		}
		if (editor.role() == Role.KAM) {
			throw new RuleViolationException("owner", "account.validation.assignNeedsManager");
		}
		if (ownerUsername == null || ownerUsername.isBlank()) {
			throw new RuleViolationException("owner", "validation.required");
		}
		UserSummary owner = this.users.requireActive(ownerUsername.strip(), "owner");
		if (!editor.scope().all() && !editor.scope().ownerIds().contains(owner.id())) {
			throw new RuleViolationException("owner", "validation.ownerOutsideScope", owner.username());
		}
		if (Objects.equals(account.ownerId(), owner.id())) {
			return this.queries.details(account);
		}
		requireRoomFor(owner.id(), "owner");
		return move(account, owner.id(), (a, now) -> a.assignOwner(owner.id(), now), false);
	}

	/**
	 * The owner (or their manager) returns the account to the pool with a reason; the
	 * owner may not claim it back for {@value #RECLAIM_BLOCK_DAYS} days.
	 */
	public AccountDetails returnToPool(CurrentUser editor, long id, String reason, Integer expectedVersion) {
		this.queries.requireVisible(editor.scope(), id);
		Account account = this.accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		if (expectedVersion != null) {
			StaleEditException.check("Account", id, expectedVersion, account.version());
		}
		if (account.inPool()) {
			throw new RuleViolationException("owner", "account.validation.inPoolAlready");
		}
		if (!inScope(editor, account)) {
			// Shared through the team, not theirs to give up.
			throw new RuleViolationException("owner", "account.validation.onlyOwnerReturns");
		}
		if (account.archived()) {
			throw new RuleViolationException("owner", "account.validation.archivedStays");
		}
		long owner = account.ownerId();
		Map<String, Object> before = account.auditValues();
		LocalDateTime now = LocalDateTime.now(this.clock);
		account.returnToPool(reason, now);
		account.touch(now);
		account = this.accounts.save(account);
		this.tally.add(owner, false, -1);
		block(id, owner, now.toLocalDate());
		this.audit.changed("Account", id, id, before, account.auditValues());
		this.events.returnedToPool(id, owner, PoolReason.RETURNED, account.poolNote());
		this.publisher.publishEvent(new AccountsChanged(Set.of(id)));
		return this.queries.details(account);
	}

	/**
	 * Returns every owned, live account the given sub-select names to the pool, set-based
	 * for the nightly pool rules: one update takes the owner away, keeping them as the
	 * previous owner, and marks the rows with the run's moment and reason; their audit
	 * entries, the owners' counts and the reclaim blocks are written from the marked
	 * rows. Each account is written once: every write of an account row touches all its
	 * indexes, the trigram index on the name among them, which at a million accounts is
	 * most of the run (BENCHMARKS.md, "Nightly pool run"). An account returned already
	 * (by a run on another node, or its owner) is left alone, so it is returned once.
	 * @param ids a sub-select with one column, the account id
	 * @param params its named parameters, none starting with {@code pool}
	 * @param now the moment of the run, which the blocks count from
	 * @return how many accounts entered the pool
	 */
	public int returnByRule(PoolReason reason, String ids, Map<String, ?> params, LocalDateTime now) {
		Map<String, Object> all = new HashMap<>(params);
		all.put("poolAt", Timestamp.valueOf(now));
		all.put("poolReason", reason.name());
		int moved = this.jdbc
			.sql("""
					update account set pooled_at = :poolAt, pool_reason = :poolReason, previous_owner_id = owner_id,
					       owner_id = null, owned_since = null, pool_note = null, updated_at = :poolAt, version = version + 1
					where owner_id is not null and archived = false and merged_into is null and id in (%s)"""
				.formatted(ids))
			.params(all)
			.update();
		if (moved == 0) {
			return 0;
		}
		// A run returns for each reason at the same moment: the reason tells its rows
		// apart.
		Map<String, Object> batch = Map.of("poolAt", Timestamp.valueOf(now), "poolReason", reason.name());
		String batchRows = "from account pa where pa.pooled_at = :poolAt and pa.pool_reason = :poolReason"
				+ " and pa.owner_id is null and pa.previous_owner_id is not null";
		this.audit.changedWhere("Account", """
				select pa.id as entity_id, pa.id as account_id, 'ownerId' as field,
				       cast(pa.previous_owner_id as varchar(20)) as old_value, cast(null as varchar(20)) as new_value
				%1$s
				union all
				select pa.id, pa.id, 'poolReason', cast(null as varchar(20)), pa.pool_reason %1$s"""
			.formatted(batchRows), batch);
		this.jdbc.sql("select pa.previous_owner_id, count(*) " + batchRows + " group by pa.previous_owner_id")
			.params(batch)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
			.list()
			.forEach((owner) -> this.tally.add(owner.getKey(), false, -owner.getValue()));
		this.jdbc.sql("delete from account_pool_block where exists (select 1 " + batchRows
				+ " and pa.id = account_pool_block.account_id and pa.previous_owner_id = account_pool_block.user_id)")
			.params(batch)
			.update();
		this.jdbc
			.sql("insert into account_pool_block (account_id, user_id, blocked_until) select pa.id,"
					+ " pa.previous_owner_id, :poolUntil " + batchRows)
			.params(batch)
			.param("poolUntil", blockedUntil(now.toLocalDate()))
			.update();
		// The readers of owners (the contact plan's due days) learn which accounts lost
		// theirs.
		Set<Long> returned = new HashSet<>(
				this.jdbc.sql("select pa.id " + batchRows).params(batch).query(Long.class).list());
		// The reason is one of PoolReason's codes, safe inside a JSON string as it is.
		this.publisher.publishEvent(new RecordEvents(EventType.ACCOUNT_RETURNED_TO_POOL,
				"""
						select pa.id as record_id,
						       '{"previousOwnerId":' || cast(pa.previous_owner_id as varchar(20)) || ',"reason":"' || pa.pool_reason
						       || '","note":null}' as payload
						"""
						+ batchRows,
				batch));
		this.publisher.publishEvent(new AccountsChanged(returned));
		return moved;
	}

	/** A user's maximum of owned accounts. */
	@Transactional(readOnly = true)
	public int maximumOf(long userId) {
		return this.jdbc.sql("select max_accounts from account_owner_limit where user_id = :u")
			.param("u", userId)
			.query(Integer.class)
			.optional()
			.orElse(this.defaultMaximum);
	}

	/** The maximum of users without one of their own. */
	public int defaultMaximum() {
		return this.defaultMaximum;
	}

	/** Every user's maximum and how many live accounts they own, by user id. */
	@Transactional(readOnly = true)
	public Map<Long, OwnerLoad> loads() {
		Map<Long, OwnerLoad> loads = new HashMap<>();
		for (UserSummary user : this.users.active()) {
			loads.put(user.id(), new OwnerLoad(user.id(), user.username(), user.displayName(), this.defaultMaximum, 0));
		}
		this.jdbc.sql("select user_id, max_accounts from account_owner_limit")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
			.list()
			.forEach((limit) -> loads.computeIfPresent(limit.getKey(),
					(id, load) -> new OwnerLoad(id, load.username(), load.displayName(), limit.getValue(), 0)));
		loads.replaceAll((id, load) -> new OwnerLoad(id, load.username(), load.displayName(), load.maximum(),
				this.tally.owned(id)));
		return loads;
	}

	/**
	 * Sets a user's maximum of owned accounts; an administrator's decision, audited. A
	 * maximum below what the user owns takes nothing away: they claim no more until below
	 * it.
	 */
	public void setMaximum(CurrentUser admin, String username, int maximum) {
		if (!admin.isAdmin()) {
			throw new RuleViolationException("maximum", "account.validation.maximumByAdmin");
		}
		if (maximum < 0 || maximum > 1_000_000) {
			throw new RuleViolationException("maximum", "account.validation.maximumRange", 1_000_000);
		}
		UserSummary user = this.users.requireActive(username, "username");
		int before = maximumOf(user.id());
		if (this.jdbc.sql("update account_owner_limit set max_accounts = :m, version = version + 1 where user_id = :u")
			.param("m", maximum)
			.param("u", user.id())
			.update() == 0) {
			this.jdbc.sql("insert into account_owner_limit (user_id, max_accounts) values (:u, :m)")
				.param("m", maximum)
				.param("u", user.id())
				.update();
		}
		this.audit.changed("OwnerLimit", user.id(), null, Map.of("maxAccounts", before),
				Map.of("maxAccounts", maximum));
	}

	/**
	 * A user's load against their maximum.
	 */
	public record OwnerLoad(long userId, String username, String displayName, int maximum, long owned) {
	}

	private void requireRoomFor(long userId, String field) {
		int maximum = maximumOf(userId);
		if (this.tally.owned(userId) >= maximum) {
			throw new RuleViolationException(field, "account.validation.maximumReached", maximum);
		}
	}

	private AccountDetails move(Account account, long newOwner, Move move, boolean claim) {
		Map<String, Object> before = account.auditValues();
		Long previous = account.ownerId();
		LocalDateTime now = LocalDateTime.now(this.clock);
		move.apply(account, now);
		account.touch(now);
		account = this.accounts.save(account);
		this.tally.add(previous, account.archived(), -1);
		this.tally.add(newOwner, account.archived(), 1);
		this.audit.changed("Account", account.id(), account.id(), before, account.auditValues());
		if (claim) {
			this.events.claimed(account.id(), previous, newOwner);
		}
		else {
			this.events.ownerChanged(account.id(), previous, newOwner);
		}
		this.publisher.publishEvent(new AccountsChanged(Set.of(account.id())));
		return this.queries.details(account);
	}

	private Account readable(CurrentUser user, long id) {
		this.queries.requireReadable(user.scope(), id);
		return this.accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
	}

	private static boolean inScope(CurrentUser editor, Account account) {
		return editor.scope().all()
				|| (account.ownerId() != null && editor.scope().ownerIds().contains(account.ownerId()));
	}

	private void block(long accountId, long userId, LocalDate from) {
		this.jdbc.sql("delete from account_pool_block where account_id = :a and user_id = :u")
			.param("a", accountId)
			.param("u", userId)
			.update();
		this.jdbc.sql("insert into account_pool_block (account_id, user_id, blocked_until) values (:a, :u, :until)")
			.param("a", accountId)
			.param("u", userId)
			.param("until", blockedUntil(from))
			.update();
	}

	/** The last day of the block that starts on the day the account left its owner. */
	private static LocalDate blockedUntil(LocalDate from) {
		return from.plusDays(RECLAIM_BLOCK_DAYS - 1);
	}

	@FunctionalInterface
	private interface Move {

		void apply(Account account, LocalDateTime now);

	}

}
