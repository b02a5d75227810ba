package io.dakehu.identity;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Users' summaries by id, remembered for the sign-in state's seconds: nearly every list
 * names the owners of its rows, and a team's page would otherwise read the same ten
 * people on every request. A change of users on this instance forgets every entry once it
 * commits; the expiry bounds how long another instance may still show a name, an address
 * or an active flag as it was (as for a manager's team, {@link ManagedOwners}).
 */
@Component
class UserSummaries {

	private final Cache<Long, UserSummary> summaries;

	UserSummaries(@Value("${dakehu.security.sign-in-state-seconds:10}") long seconds) {
		this.summaries = Caffeine.newBuilder()
			.expireAfterWrite(Duration.ofSeconds(seconds))
			.maximumSize(50_000)
			.build();
	}

	/**
	 * The summaries of {@code ids} that exist; those not remembered are read together by
	 * {@code read}.
	 */
	Map<Long, UserSummary> of(Collection<Long> ids, Function<Set<Long>, Map<Long, UserSummary>> read) {
		return this.summaries.getAll(Set.copyOf(ids), (missing) -> read.apply(Set.copyOf(missing)));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void usersChanged(UsersChanged changed) {
		this.summaries.invalidateAll();
	}

}
