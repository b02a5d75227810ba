package io.dakehu.shared;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
		Map<Long, V> fresh = workOut.apply(moved);
		// A transaction that may write could see its own changes and then roll back: only
		// what a read-only one worked out is remembered.
		boolean committedOnly = TransactionSynchronizationManager.isCurrentTransactionReadOnly();
		for (Long owner : moved) {
			V value = fresh.getOrDefault(owner, this.none);
			values.put(owner, value);
			if (committedOnly) {
				this.known.put(new OwnerDay(owner, day), new Known<>(versions.getOrDefault(owner, 0L), value));
			}
		}
		return values;
	}

	private record OwnerDay(long owner, LocalDate day) {
	}

	private record Known<V>(long version, V value) {
	}

}
