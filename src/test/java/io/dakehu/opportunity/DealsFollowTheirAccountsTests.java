package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountService;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.Simultaneous;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees a deal follows its account (decision 0074): a reader sees their own deals and
 * every deal on an account they may see, so each move of an account — a transfer, a
 * return to the pool, a claim, a merge, a share through the account team — moves the
 * deals on it in and out of each reader's list, its totals and the deal's own address.
 * The deals keep their account's owner for that; the expected lists are worked out here
 * from what the test did.
 */
abstract class DealsFollowTheirAccountsTests extends ApiTestSupport {

	@Autowired
	DataSource dataSource;

	@Autowired
	AccountService accounts;

	@Autowired
	Pipeline pipeline;

	@Autowired
	Opportunities opportunities;

	@Autowired
	Users users;

	@Autowired
	PlatformTransactionManager transactions;

	/** A deal as the test made it. */
	private record Deal(long id, String owner, long account, BigDecimal amount) {
	}

	@Test
	void everyMoveOfAnAccountMovesItsDealsBetweenTheReadersLists() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String first = this.given.kam(team, manager);
		String second = this.given.kam(team, manager);
		String other = this.given.kam();
		String outsider = this.given.kam();
		long a = this.given.accountOwnedBy(first, Fixtures.unique("A")).id();
		long b = this.given.accountOwnedBy(other, Fixtures.unique("B")).id();
		long c = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("C"), "owner", outsider, "team", List.of(first)))
			.id();
		long d = this.given.accountOwnedBy(outsider, Fixtures.unique("D")).id();
		Map<Long, String> owners = new HashMap<>(Map.of(a, first, b, other, c, outsider, d, outsider));
		List<Deal> deals = new ArrayList<>();
		// On A (the first KAM's): theirs, the other KAM's, the outsider's; on B (the
		// other KAM's): the first KAM's; on C (shared with the first KAM): the
		// outsider's; on D: the outsider's.
		deals.add(deal(first, a, 1000));
		deals.add(deal(other, a, 2000));
		deals.add(deal(outsider, a, 400));
		deals.add(deal(first, b, 30));
		deals.add(deal(outsider, c, 5));
		deals.add(deal(outsider, d, 60000));
		List<String> readers = List.of(first, second, other, outsider, manager);
		assertEveryReader(readers, deals, owners, Map.of(c, List.of(first)));

		// A goes to the second KAM; B returns to the pool; D is merged into C.
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + a,
					json("name", Fixtures.unique("A moved"), "owner", second, "version",
							this.api.version(Api.ADMIN, "/api/v1/accounts/" + a)))
			.expect(200);
		owners.put(a, second);
		this.api.post(other, "/api/v1/accounts/" + b + "/return-to-pool", json("reason", "Moved away")).expect(200);
		owners.put(b, null);
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + d + "/merge",
					json("into", c, "version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + d)))
			.expect(200);
		List<Deal> merged = deals.stream()
			.map((deal) -> (deal.account() == d) ? new Deal(deal.id(), deal.owner(), c, deal.amount()) : deal)
			.toList();
		assertEveryReader(readers, merged, owners, Map.of(c, List.of(first)));

		// The second KAM claims B from the pool.
		this.api.post(second, "/api/v1/accounts/" + b + "/claim", json()).expect(200);
		owners.put(b, second);
		assertEveryReader(readers, merged, owners, Map.of(c, List.of(first)));
	}

	/**
	 * A deal recorded while its account is transferred takes the new owner: written with
	 * the owner before and committed after the transfer, whose rewrite of the account's
	 * deals could not see it, it kept that owner, who went on seeing it while the new
	 * owner did not.
	 */
	@Test
	void anAccountTransferredWhileADealIsRecordedTakesTheDealAlong() throws Exception {
		Moving moving = moving();
		String dealName = Fixtures.unique("Deal");
		Simultaneous.Outcome<?> transferred = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.pipeline.open(admin(), new OpportunityInput(moving.account(), dealName,
						BigDecimal.valueOf(900), moving.seller(), null, null, null, null, null, null)),
				() -> transfer(moving));
		assertTheNewOwnerAloneSees(moving, transferred, "name", dealName);
	}

	/**
	 * Deals imported while their account is transferred take the new owner: the import's
	 * transaction holds them unseen while the transfer rewrites the account's deals, then
	 * puts them under the account's owner as it stands just before it commits.
	 */
	@Test
	void dealsImportedWhileTheirAccountIsTransferredTakeTheNewOwner() throws Exception {
		Moving moving = moving();
		long sellerId = this.users.findByUsername(moving.seller()).orElseThrow().id();
		String reference = Fixtures.unique("ref");
		Simultaneous.Outcome<?> transferred = Simultaneous
			.secondWhileFirstUncommitted(this.transactions,
					() -> this.opportunities.append(List.of(new NewOpportunity(moving.account(), sellerId, null,
							Stage.NEED_DESCRIPTION, null, null, BigDecimal.valueOf(300), "test", reference,
							Fixtures.unique("Imported"), null, Map.of()))),
					() -> transfer(moving));
		assertTheNewOwnerAloneSees(moving, transferred, "external_ref", reference);
	}

	/**
	 * An account of one KAM about to go to another, its version as read, and a third KAM
	 * who sells on it.
	 */
	private record Moving(String before, String after, String seller, String name, long account, int version) {
	}

	private Moving moving() {
		String before = this.given.kam();
		String name = Fixtures.unique("Moving");
		long account = this.given.accountOwnedBy(before, name).id();
		return new Moving(before, this.given.kam(), this.given.kam(), name, account,
				this.api.version(Api.ADMIN, "/api/v1/accounts/" + account));
	}

	private AccountDetails transfer(Moving moving) {
		return this.accounts.update(admin(), moving.account(), moving.version(),
				new AccountInput(moving.name(), null, null, null, null, null, null, null, moving.after(), null, null,
						null, null, null, null, null, null, null));
	}

	private CurrentUser admin() {
		return this.users.actingAs(this.users.findByUsername(Api.ADMIN).orElseThrow().id()).orElseThrow();
	}

	/**
	 * Both committed without a failure, the deal found by the column's value is the new
	 * owner's to see, in its address and their list, and no longer the owner's before.
	 */
	private void assertTheNewOwnerAloneSees(Moving moving, Simultaneous.Outcome<?> transferred, String column,
			String value) {
		assertThat(transferred.failure()).isNull();
		long deal = this.jdbc.sql("select id from opportunity where " + column + " = :value")
			.param("value", value)
			.query(Long.class)
			.single();
		this.api.get(moving.after(), "/api/v1/opportunities/" + deal).expect(200);
		this.api.get(moving.before(), "/api/v1/opportunities/" + deal).expect(404);
		assertThat(this.api.get(moving.after(), "/api/v1/opportunities?size=50").expect(200).ids())
			.containsExactly(deal);
		assertThat(this.api.get(moving.before(), "/api/v1/opportunities?size=50").expect(200).ids()).isEmpty();
	}

	/**
	 * Migration 185 keeps on the deals stored before migration 184 their accounts'
	 * owners: until then the first KAM does not see the other's deal on her account;
	 * after, she does, and a deal on a pooled account keeps none.
	 */
	@Test
	void theFillGivesDealsStoredBeforeTheirAccountsOwners() throws Exception {
		String kam = this.given.kam();
		String other = this.given.kam();
		long mine = this.given.accountOwnedBy(kam, Fixtures.unique("Mine")).id();
		long pooled = this.given.accountOwnedBy(other, Fixtures.unique("Pooled")).id();
		Deal theirs = deal(other, mine, 700);
		Deal left = deal(other, pooled, 80);
		this.api.post(other, "/api/v1/accounts/" + pooled + "/return-to-pool", json("reason", "Moved away"))
			.expect(200);
		// As they were before migration 184 kept an owner on each deal: none.
		this.jdbc.sql("update opportunity set account_owner_id = 0 where id in (:ids)")
			.param("ids", List.of(theirs.id(), left.id()))
			.update();
		assertThat(this.api.get(kam, "/api/v1/opportunities?size=50").expect(200).ids()).isEmpty();

		try (Connection connection = this.dataSource.getConnection()) {
			new OpportunityAccountOwnerFill().migrate(new Context() {
				@Override
				public Configuration getConfiguration() {
					return null;
				}

				@Override
				public Connection getConnection() {
					return connection;
				}
			});
		}

		assertThat(this.api.get(kam, "/api/v1/opportunities?size=50").expect(200).ids()).containsExactly(theirs.id());
		assertThat(this.jdbc.sql("select account_owner_id from opportunity where id = :id")
			.param("id", left.id())
			.query(Long.class)
			.single()).isZero();
	}

	private Deal deal(String owner, long account, int amount) {
		long id = this.api
			.post(Api.ADMIN, "/api/v1/opportunities",
					json("accountId", account, "name", Fixtures.unique("Deal"), "amount", amount, "owner", owner))
			.expect(201)
			.id();
		return new Deal(id, owner, account, BigDecimal.valueOf(amount));
	}

	/**
	 * Each reader's list of every deal they may see (its ids by amount and its count),
	 * the board's column of the deals' stage (its count and amount), and each deal's
	 * address, against the deals the rule gives: the reader's own (a manager's: the
	 * team's), and those on accounts owned in the reader's scope or shared with the
	 * reader.
	 */
	private void assertEveryReader(List<String> readers, List<Deal> deals, Map<Long, String> owners,
			Map<Long, List<String>> shared) {
		Map<String, List<String>> scopes = Map.of(readers.get(4), List.of(readers.get(0), readers.get(1)));
		for (String reader : readers) {
			List<String> scope = scopes.getOrDefault(reader, List.of(reader));
			List<Deal> visible = deals.stream()
				.filter((deal) -> scope.contains(deal.owner())
						|| (owners.get(deal.account()) != null && scope.contains(owners.get(deal.account())))
						|| shared.getOrDefault(deal.account(), List.of()).contains(reader))
				.sorted(Comparator.comparing(Deal::amount).reversed())
				.toList();
			Api.Response list = this.api.get(reader, "/api/v1/opportunities?sort=-amount&size=50").expect(200);
			assertThat(list.ids()).as(reader).containsExactlyElementsOf(visible.stream().map(Deal::id).toList());
			assertThat(list.totalElements()).as(reader).isEqualTo(visible.size());
			// New deals wait in the first buying step: its column's totals are the
			// list's.
			JsonNode column = this.api.get(reader, "/api/v1/pipeline/board/" + Stage.PROBLEM_RECOGNITION + "?size=50")
				.expect(200)
				.body();
			assertThat(column.get("count").asLong()).as(reader).isEqualTo(visible.size());
			assertThat(column.get("amount").decimalValue()).as(reader)
				.isEqualByComparingTo(visible.stream().map(Deal::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
			for (Deal deal : deals) {
				this.api.get(reader, "/api/v1/opportunities/" + deal.id()).expect(visible.contains(deal) ? 200 : 404);
			}
		}
	}

}
