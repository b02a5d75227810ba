package io.dakehu.account;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The account's row lock, for another module's rule that spans all of an account's
 * records: two contracts of one account activated at once must not both pass the credit
 * limit, which each checks against the other's receivables. Whoever takes the lock first
 * decides; the other waits until that transaction ends and then reads what it wrote.
 */
@Component
public class AccountLocks {

	/** How many accounts' rows one statement locks. */
	private static final int LOCK_CHUNK = 1000;

	/** As many as the rows of {@code account_key_slot}. */
	private static final int KEY_SLOTS = 1024;

	private final JdbcClient jdbc;

	AccountLocks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Locks the account's row until the caller's transaction ends; an account that does
	 * not exist locks nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void lock(long accountId) {
		this.jdbc.sql("select id from account where id = :id for update")
			.param("id", accountId)
			.query(Long.class)
			.list();
	}

	/**
	 * Runs the work on these accounts just before the caller's transaction commits, with
	 * their rows locked until it ends: for a read model that keeps a copy of an account's
	 * owner on records written now, which a transfer of the account not yet committed
	 * rewrites without them. Locked at the commit, a transfer under way has committed and
	 * the work reads its owner; one that starts later waits for the commit and then finds
	 * the records. Held only while the transaction commits, the locks keep no one waiting
	 * through a long import. Accounts named by several calls with one key in a
	 * transaction are locked, in ascending order (two committers never hold one each
	 * while waiting for the other's), and handed to the work once.
	 * @param key the caller, one per kind of work
	 * @param work what to do on the accounts, each one's row locked
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void beforeCommit(Object key, Collection<Long> accountIds, Consumer<Collection<Long>> work) {
		@SuppressWarnings("unchecked")
		Set<Long> named = (Set<Long>) TransactionSynchronizationManager.getResource(key);
		if (named == null) {
			Set<Long> accounts = new TreeSet<>();
			TransactionSynchronizationManager.bindResource(key, accounts);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void beforeCommit(boolean readOnly) {
					lockAll(accounts);
					work.accept(accounts);
				}

				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
			named = accounts;
		}
		named.addAll(accountIds);
	}

	private void lockAll(Set<Long> accountIds) {
		List<Long> sorted = new ArrayList<>(accountIds);
		for (int from = 0; from < sorted.size(); from += LOCK_CHUNK) {
			this.jdbc.sql("select id from account where id in (:ids) order by id for update")
				.param("ids", sorted.subList(from, Math.min(sorted.size(), from + LOCK_CHUNK)))
				.query(Long.class)
				.list();
		}
	}

	/**
	 * Locks the slots of the keys two accounts must not share (a folded name, a
	 * registration id) until the caller's transaction ends. The duplicate check reads
	 * committed accounts only, so two creations of one organisation at once would both
	 * pass it; taken before the check, the slot makes the second wait for the first and
	 * then find it. Slots are locked one at a time in ascending order, so two writers
	 * never hold one each while waiting for the other's. Keys are hashed the same way on
	 * every instance ({@link String#hashCode} is specified); null keys lock nothing.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void lockKeys(String... keys) {
		Arrays.stream(keys)
			.filter(Objects::nonNull)
			.mapToInt((key) -> Math.floorMod(key.hashCode(), KEY_SLOTS))
			.distinct()
			.sorted()
			.forEach((slot) -> this.jdbc.sql("select slot from account_key_slot where slot = :slot for update")
				.param("slot", slot)
				.query(Integer.class)
				.list());
	}

}
