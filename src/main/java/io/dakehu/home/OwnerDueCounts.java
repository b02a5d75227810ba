package io.dakehu.home;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.dakehu.account.AccountsChanged;
import io.dakehu.account.AccountsMerged;
import io.dakehu.activity.LastContactChanged;
import io.dakehu.home.HomeQueries.DueCounts;
import io.dakehu.segmentation.TiersChanged;
import io.dakehu.shared.VersionedMemo;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Each owner's due counts (how many accounts overdue, how many due within the week)
 * remembered per day with the owner's version of the due-day read model, and the versions
 * themselves. An owner's version is raised in the transaction that changes any of the
 * owner's rows (DueDays notes which); a reader takes the versions first and counts only
 * the owners whose version moved since they were remembered. So a manager's team counts
 * ten versions instead of twelve thousand index entries per request, and the counts are
 * exact on every node: a version seen means every change before it is seen too.
 */
@Component
class OwnerDueCounts {

	private static final DueCounts NONE = new DueCounts(0, 0);

	private final JdbcClient jdbc;

	/** An owner's counts weigh one entry; a hundred thousand owners are remembered. */
	private final VersionedMemo<DueCounts> counted = new VersionedMemo<>(100_000, (counts) -> 1, NONE);

	OwnerDueCounts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The given owners' counts on a day, owners with nothing due included (zeros).
	 * @param count counts the given owners from the read model; owners absent from its
	 * answer have nothing due
	 */
	Map<Long, DueCounts> of(Set<Long> owners, LocalDate today, Function<Set<Long>, Map<Long, DueCounts>> count) {
		if (owners.isEmpty()) {
			return Map.of();
		}
		Map<Long, Long> versions = new HashMap<>();
		this.jdbc.sql("select owner_id, version from home_due_owner where owner_id in (:owners)")
			.param("owners", owners)
			.query((rs) -> {
				versions.put(rs.getLong(1), rs.getLong(2));
			});
		return this.counted.of(owners, versions, today, count);
	}

	/**
	 * Notes that the given owners' rows changed, after the change; their versions are
	 * raised when the transaction is about to commit (at once without one). An owner
	 * without a version has never had a row: version 0, so the first row an owner gets
	 * takes it from 0 to 1.
	 */
	void changed(Collection<Long> owners) {
		Pending pending = pending();
		if (pending == null) {
			raise(owners, false);
		}
		else {
			pending.owners.addAll(owners);
		}
	}

	/** As {@link #changed}, for every owner: where any row may have changed. */
	void everyOwnerChanged() {
		Pending pending = pending();
		if (pending == null) {
			raise(Set.of(), true);
		}
		else {
			pending.all = true;
		}
	}

	/**
	 * Raises the versions the transaction's refreshes gathered, after the last of them
	 * (DueDays' listeners come first). Taking the versions' row locks last, in one
	 * statement, keeps two writers from deadlocking: a transaction holding an owner's
	 * version and waiting for an account's row that another holds, which waits for the
	 * version, would be a cycle.
	 */
	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true,
			classes = { LastContactChanged.class, AccountsChanged.class, AccountsMerged.class, TiersChanged.class })
	@Order(Ordered.LOWEST_PRECEDENCE)
	public void raisePending() {
		Pending pending = find();
		if (pending != null) {
			pending.raise();
		}
	}

	/** The transaction's gathered owners; null outside a transaction. */
	private Pending pending() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		Pending pending = find();
		if (pending == null) {
			pending = new Pending();
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		return pending;
	}

	/**
	 * The current transaction's gathered owners, kept among its synchronizations so that
	 * a transaction suspended for another keeps its own.
	 */
	private Pending find() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return null;
		}
		for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
			if (synchronization instanceof Pending pending && pending.counts() == this) {
				return pending;
			}
		}
		return null;
	}

	private void raise(Collection<Long> owners, boolean all) {
		if (all) {
			this.jdbc
				.sql("insert into home_due_owner (owner_id, version) select distinct d.owner_id, 0 from home_due_day d"
						+ " on conflict do nothing")
				.update();
			this.jdbc.sql("update home_due_owner set version = version + 1").update();
			return;
		}
		if (owners.isEmpty()) {
			return;
		}
		Set<Long> ids = Set.copyOf(owners);
		// Only owners without a version yet (rarely any) are looked for among the
		// rows: for every owner of a night's run that was a read of the whole table.
		Set<Long> missing = new HashSet<>(ids);
		missing.removeAll(this.jdbc.sql("select owner_id from home_due_owner where owner_id in (:owners)")
			.param("owners", ids)
			.query(Long.class)
			.list());
		if (!missing.isEmpty()) {
			this.jdbc
				.sql("insert into home_due_owner (owner_id, version) select distinct d.owner_id, 0 from home_due_day d"
						+ " where d.owner_id in (:owners) on conflict do nothing")
				.param("owners", missing)
				.update();
		}
		this.jdbc.sql("update home_due_owner set version = version + 1 where owner_id in (:owners)")
			.param("owners", ids)
			.update();
	}

	/**
	 * What one transaction's refreshes changed. Its {@code beforeCommit} raises them when
	 * it was registered in the transaction's body (a rebuild called directly); registered
	 * while the transaction commits (from a listener), the listener above does.
	 */
	private final class Pending implements TransactionSynchronization {

		private final Set<Long> owners = new HashSet<>();

		private boolean all;

		@Override
		public void beforeCommit(boolean readOnly) {
			raise();
		}

		void raise() {
			if (this.all || !this.owners.isEmpty()) {
				OwnerDueCounts.this.raise(this.owners, this.all);
				this.owners.clear();
				this.all = false;
			}
		}

		OwnerDueCounts counts() {
			return OwnerDueCounts.this;
		}

	}

}
