package io.dakehu.shared;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What a read model says of each owner on a day, remembered with the version the owner's
 * rows had: a reader takes the versions first (one indexed statement) and works out again
 * only the owners whose version moved since. The versions live in the database and are
 * raised in the transactions that change an owner's rows, so what is remembered is exact
 * on every node (decisions 0056, 0058). Per instance; an entry lives a day at most.
 *
 * @param <V> what is worked out for one owner
 */
public final class VersionedMemo<V> {

	private final Cache<OwnerDay, Known<V>> known;

	private final V none;

	private final ConcurrentMap<Working, CompletableFuture<V>> working = new ConcurrentHashMap<>();

	/**
	 * @param maximumWeight how much is remembered at most, in the units of {@code weight}
	 * @param weight the weight of one owner's value (at least 1)
	 * @param none the value of an owner the read model has nothing for
	 */
	public VersionedMemo(long maximumWeight, ToIntFunction<V> weight, V none) {
		this.known = Caffeine.newBuilder()
			.maximumWeight(maximumWeight)
			.weigher((OwnerDay owner, Known<V> value) -> weight.applyAsInt(value.value()))
			.expireAfterWrite(Duration.ofDays(1))
			.build();
		this.none = none;
	}

	/**
	 * Each owner's value on a day.
	 * @param versions the owners' versions, read before this call: a change committed in
	 * between makes a value newer than its version, which only costs working it out again
	 * on the next read, never a stale answer; an owner absent is at version 0
	 * @param workOut works out the values of the owners given to it from the read model;
	 * an owner absent from its answer has {@code none}
	 */
	public Map<Long, V> of(Set<Long> owners, Map<Long, Long> versions, LocalDate day,
			Function<Set<Long>, Map<Long, V>> workOut) {
		Map<Long, V> values = new HashMap<>();
		Set<Long> moved = new HashSet<>();
		for (Long owner : owners) {
			Known<V> known = this.known.getIfPresent(new OwnerDay(owner, day));
			if (known != null && known.version() == versions.getOrDefault(owner, 0L)) {
				values.put(owner, known.value());
			}
			else {
				moved.add(owner);
			}
		}
		if (moved.isEmpty()) {
			return values;
		}
		if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			// A transaction that may write could see its own changes and then roll back:
			// it works out its own values and neither remembers nor shares them. Outside
			// a transaction every statement reads what is committed.
			Map<Long, V> fresh = workOut.apply(moved);
			moved.forEach((owner) -> values.put(owner, fresh.getOrDefault(owner, this.none)));
			return values;
		}
		// Readers that find the same owner moved at the same version wait for the first
		// one's work instead of each doing it: after a write, every concurrent reader
		// of a company's aging would otherwise age the same book at once.
		Map<Long, CompletableFuture<V>> mine = new HashMap<>();
		Map<Long, CompletableFuture<V>> theirs = new HashMap<>();
		for (Long owner : moved) {
			CompletableFuture<V> created = new CompletableFuture<>();
			CompletableFuture<V> running = this.working
				.putIfAbsent(new Working(owner, day, versions.getOrDefault(owner, 0L)), created);
			((running == null) ? mine : theirs).put(owner, (running == null) ? created : running);
		}
		if (!mine.isEmpty()) {
			try {
				Map<Long, V> fresh = workOut.apply(mine.keySet());
				mine.forEach((owner, future) -> {
					V value = fresh.getOrDefault(owner, this.none);
					long version = versions.getOrDefault(owner, 0L);
					this.known.put(new OwnerDay(owner, day), new Known<>(version, value));
					values.put(owner, value);
					future.complete(value);
				});
			}
			catch (RuntimeException | Error ex) {
				mine.values().forEach((future) -> future.completeExceptionally(ex));
				throw ex;
			}
			finally {
				// Remembered first: a reader arriving now finds the value, not the work.
				mine.keySet()
					.forEach((owner) -> this.working.remove(new Working(owner, day, versions.getOrDefault(owner, 0L))));
			}
		}
		theirs.forEach((owner, future) -> {
			try {
				values.put(owner, future.join());
			}
			catch (CompletionException ex) {
				throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
			}
		});
		return values;
	}

	private record OwnerDay(long owner, LocalDate day) {
	}

	private record Known<V>(long version, V value) {
	}

	private record Working(long owner, LocalDate day, long version) {
	}

}
