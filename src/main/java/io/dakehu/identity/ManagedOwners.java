package io.dakehu.identity;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The owners whose records a manager sees: the manager, the members of the teams they
 * lead or belong to, and the people who report to them. Read once and remembered for the
 * sign-in state's seconds, as the manager's role is (every request of a manager needs
 * them). Any change of users on this instance forgets every entry once it commits; the
 * expiry bounds how long another instance may still show a team as it was.
 */
@Component
class ManagedOwners {

	private final JdbcClient jdbc;

	private final Cache<Manager, Set<Long>> owners;

	ManagedOwners(JdbcClient jdbc, @Value("${dakehu.security.sign-in-state-seconds:10}") long seconds) {
		this.jdbc = jdbc;
		this.owners = Caffeine.newBuilder().expireAfterWrite(Duration.ofSeconds(seconds)).maximumSize(10_000).build();
	}

	/** The owners of a manager's record scope, the manager among them. */
	Set<Long> of(long managerId, Long teamId) {
		return this.owners.get(new Manager(managerId, teamId), this::read);
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void usersChanged(UsersChanged changed) {
		this.owners.invalidateAll();
	}

	private Set<Long> read(Manager manager) {
		Set<Long> owners = new HashSet<>();
		owners.add(manager.id());
		owners.addAll(this.jdbc.sql("""
				select u.id from app_user u
				where u.manager_id = :me
				   or u.team_id in (select t.id from team t where t.manager_id = :me)
				   or (u.team_id is not null and u.team_id = :myTeam)
				""").param("me", manager.id()).param("myTeam", manager.teamId()).query(Long.class).list());
		return Set.copyOf(owners);
	}

	private record Manager(long id, Long teamId) {
	}

}
