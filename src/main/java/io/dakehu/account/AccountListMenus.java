package io.dakehu.account;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.identity.UsersChanged;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The account list's filter menus — the owners, industries and regions in use among the
 * accounts a reader may see — kept per scope for a few seconds.
 * <p>
 * Computed on every request they cost more than the list itself at a million accounts: a
 * KAM's or manager's menus read their whole book (tens of milliseconds), the owner menu
 * read every user. Kept per scope condition (everyone seeing everything shares one entry;
 * a KAM's entry is keyed by their owners and shared accounts, so it never serves anyone
 * else), and dropped whenever an account is written on this node, after the write
 * commits: a change shows on the next request. Another node behind the load balancer
 * keeps its entry until {@link #KEPT} has passed (decision 0051): a menu offering a value
 * that just went out of use, or missing a new one, for ten seconds is harmless — the list
 * below it is always read fresh. A user renamed, deactivated or activated by an
 * administrator drops every entry the same way ({@link UsersChanged}).
 */
@Component
public class AccountListMenus {

	/** How long a scope's menus are kept at most. */
	static final Duration KEPT = Duration.ofSeconds(10);

	/** How many industries or regions a menu offers at most. */
	private static final int MENU_LIMIT = 500;

	/** How many owners the owner menu offers at most: every one in practice. */
	private static final int OWNER_LIMIT = 10_000;

	private final AccountQueries queries;

	private final Users users;

	private final Cache<AccountScopeSql, Menus> menus = Caffeine.newBuilder()
		.expireAfterWrite(KEPT)
		.maximumSize(1_000)
		.build();

	AccountListMenus(AccountQueries queries, Users users) {
		this.queries = queries;
		this.users = users;
	}

	/** The menus of the account list for a reader. */
	public Menus of(RecordScope scope) {
		return this.menus.get(this.queries.listScope(scope), (scopeSql) -> read(scope, scopeSql));
	}

	private Menus read(RecordScope scope, AccountScopeSql scopeSql) {
		List<UserSummary> owners = this.users.byIds(this.queries.distinctOwners(scope, scopeSql, OWNER_LIMIT))
			.values()
			.stream()
			.filter(UserSummary::active)
			.sorted(Comparator.comparing(UserSummary::username))
			.toList();
		return new Menus(owners, this.queries.distinctValues(scope, scopeSql, "industry", MENU_LIMIT),
				this.queries.distinctValues(scope, scopeSql, "region", MENU_LIMIT));
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void accountsChanged(AccountsChanged changed) {
		this.menus.invalidateAll();
	}

	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
	void usersChanged(UsersChanged changed) {
		this.menus.invalidateAll();
	}

	/**
	 * The list's menus.
	 *
	 * @param owners the active users owning accounts in the reader's scope, by username
	 * @param industries the industries in use, in order
	 * @param regions the regions in use, in order
	 */
	public record Menus(List<UserSummary> owners, List<String> industries, List<String> regions) {

		/**
		 * How many owners a menu offers. Beyond this the owner is searched for by name: a
		 * menu of hundreds of names is hard to use, and drawing it was most of a
		 * director's list page (BENCHMARKS.md, "Account list page at 1M accounts").
		 */
		static final int OWNERS_IN_MENU = 50;

		public Menus {
			owners = List.copyOf(owners);
			industries = List.copyOf(industries);
			regions = List.copyOf(regions);
		}

		/** Whether the owner is searched for by name rather than chosen from a menu. */
		public boolean ownerSearched() {
			return this.owners.size() > OWNERS_IN_MENU;
		}

		/** The name of the owner with this username, null when they own nothing here. */
		public String ownerName(String username) {
			return this.owners.stream()
				.filter((owner) -> owner.username().equals(username))
				.map(UserSummary::displayName)
				.findFirst()
				.orElse(null);
		}

	}

}
