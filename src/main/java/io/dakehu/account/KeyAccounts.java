package io.dakehu.account;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Key accounts and who can take more of them (DOMAIN.md §6): each user's maximum of key
 * accounts (set by an administrator, the configured default otherwise), the load of an
 * owner and of their team against it, and the business verb that makes an account a key
 * account, which an accepted customer selection calls. An account is a key account while
 * it has a key-account type.
 */
@Service
@Transactional
public class KeyAccounts {

	/** Beyond this no maximum makes sense; it also bounds the sum of a team's. */
	static final int LARGEST_MAXIMUM = 100_000;

	private final AccountRepository accounts;

	private final AccountQueries queries;

	private final Users users;

	private final AuditTrail audit;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	private final int defaultMaximum;

	KeyAccounts(AccountRepository accounts, AccountQueries queries, Users users, AuditTrail audit, JdbcClient jdbc,
			ApplicationEventPublisher publisher, Clock clock,
			@Value("${dakehu.selection.default-max-key-accounts:30}") int defaultMaximum) {
		this.accounts = accounts;
		this.queries = queries;
		this.users = users;
		this.audit = audit;
		this.jdbc = jdbc;
		this.publisher = publisher;
		this.clock = clock;
		this.defaultMaximum = defaultMaximum;
	}

	/** A user's maximum of key accounts. */
	@Transactional(readOnly = true)
	public int maximumOf(long userId) {
		return maximums(Set.of(userId)).get(userId);
	}

	/** The maximum of users without one of their own. */
	public int defaultMaximum() {
		return this.defaultMaximum;
	}

	/**
	 * Sets a user's maximum of key accounts; an administrator's decision, audited. A
	 * maximum below what the user holds takes nothing away.
	 * @throws AccessDeniedException unless an administrator asks
	 */
	public void setMaximum(CurrentUser admin, String username, Integer maximum) {
		if (!admin.isAdmin()) {
			throw new AccessDeniedException("Only administrators set the maximum of key accounts");
		}
		if (maximum == null || maximum < 0 || maximum > LARGEST_MAXIMUM) {
			throw new RuleViolationException("maxKeyAccounts", "account.validation.maximumRange", LARGEST_MAXIMUM);
		}
		UserSummary user = this.users.requireActive((username != null) ? username.strip() : "", "username");
		int before = maximumOf(user.id());
		if (this.jdbc
			.sql("update account_key_limit set max_key_accounts = :m, version = version + 1 where user_id = :u")
			.param("m", maximum)
			.param("u", user.id())
			.update() == 0) {
			this.jdbc.sql("insert into account_key_limit (user_id, max_key_accounts) values (:u, :m)")
				.param("m", maximum)
				.param("u", user.id())
				.update();
		}
		this.audit.changed("KeyAccountLimit", user.id(), null, Map.of("maxKeyAccounts", before),
				Map.of("maxKeyAccounts", maximum));
	}

	/**
	 * Every active user with the key accounts they hold and their maximum, by username:
	 * what an administrator reads before changing a maximum.
	 */
	@Transactional(readOnly = true)
	public List<UserLoad> loads() {
		List<UserSummary> people = this.users.active();
		Map<Long, Integer> maximums = maximums(people.stream().map(UserSummary::id).toList());
		Map<Long, Integer> held = new HashMap<>();
		this.jdbc.sql("""
				select owner_id, count(*) from account
				where owner_id is not null and key_account_type is not null and archived = false
				      and merged_into is null
				group by owner_id""")
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
			.list()
			.forEach((row) -> held.put(row.getKey(), row.getValue()));
		return people.stream()
			.map((user) -> new UserLoad(user.id(), user.username(), user.displayName(), held.getOrDefault(user.id(), 0),
					maximums.get(user.id())))
			.sorted(java.util.Comparator.comparing(UserLoad::username))
			.toList();
	}

	/**
	 * What the owner and their team hold against their maximums, leaving out one account
	 * (the one being evaluated, which may be a key account already).
	 * @param ownerId the proposed owner
	 * @param exceptAccountId the account not to count
	 */
	@Transactional(readOnly = true)
	public Load load(long ownerId, long exceptAccountId) {
		UserSummary owner = this.users.get(ownerId);
		List<Long> members = (owner.teamId() == null) ? List.of(ownerId)
				: this.users.active()
					.stream()
					.filter((u) -> owner.teamId().equals(u.teamId()) || u.id() == ownerId)
					.map(UserSummary::id)
					.toList();
		Map<Long, Integer> maximums = maximums(members);
		Map<Long, Integer> held = new HashMap<>();
		this.jdbc.sql("""
				select owner_id, count(*) from account
				where owner_id in (:owners) and key_account_type is not null and archived = false
				      and merged_into is null and id <> :except
				group by owner_id""")
			.param("owners", members)
			.param("except", exceptAccountId)
			.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
			.list()
			.forEach((row) -> held.put(row.getKey(), row.getValue()));
		int teamHeld = held.values().stream().mapToInt(Integer::intValue).sum();
		int capacity = maximums.values().stream().mapToInt(Integer::intValue).sum();
		return new Load(ownerId, held.getOrDefault(ownerId, 0), maximums.get(ownerId), owner.teamId(), teamHeld,
				capacity);
	}

	/**
	 * Makes an account a key account of the given type with its owner, audited on the
	 * account.
	 * @throws NotFoundException when the account is out of the editor's scope
	 * @throws RuleViolationException when the type is missing or the account has no owner
	 */
	public AccountRef makeKeyAccount(CurrentUser editor, long id, KeyAccountType type) {
		this.queries.requireVisible(editor.scope(), id);
		Account account = this.accounts.findById(id).orElseThrow(() -> new NotFoundException("Account", id));
		account.requireLive();
		Map<String, Object> before = account.auditValues();
		account.makeKeyAccount(type);
		account.touch(LocalDateTime.now(this.clock));
		account = this.accounts.save(account);
		this.audit.changed("Account", id, id, before, account.auditValues());
		this.publisher.publishEvent(new AccountsChanged(Set.of(id)));
		return new AccountRef(account.id(), account.name(), account.ownerId());
	}

	private Map<Long, Integer> maximums(java.util.Collection<Long> userIds) {
		Map<Long, Integer> maximums = new HashMap<>();
		userIds.forEach((id) -> maximums.put(id, this.defaultMaximum));
		if (!userIds.isEmpty()) {
			this.jdbc.sql("select user_id, max_key_accounts from account_key_limit where user_id in (:users)")
				.param("users", userIds)
				.query((rs, n) -> Map.entry(rs.getLong(1), rs.getInt(2)))
				.list()
				.forEach((row) -> maximums.put(row.getKey(), row.getValue()));
		}
		return maximums;
	}

	/**
	 * A user's key accounts against their maximum.
	 *
	 * @param held the live key accounts they own
	 */
	public record UserLoad(long userId, String username, String displayName, int held, int maximum) {

		/**
		 * Whether they hold their maximum already, so a selection for them is reviewed.
		 */
		public boolean full() {
			return this.held >= this.maximum;
		}

	}

	/**
	 * An owner's and their team's key accounts against their maximums.
	 *
	 * @param ownerHeld the owner's key accounts, the evaluated one left out
	 * @param teamId null when the owner is in no team (the team is then the owner)
	 * @param teamHeld the key accounts of the team's active members
	 * @param teamCapacity the sum of those members' maximums
	 */
	public record Load(long ownerId, int ownerHeld, int ownerMaximum, Long teamId, int teamHeld, int teamCapacity) {

		/** Principle 2: the owner can take one more. */
		public boolean ownerHasRoom() {
			return this.ownerHeld < this.ownerMaximum;
		}

		/** Principle 3: one more stays within the team's capacity. */
		public boolean teamHasRoom() {
			return this.teamHeld + 1 <= this.teamCapacity;
		}

	}

}
