package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KAM's and a manager's opportunity list without a search, page by page in every order
 * the books read (decision 0079) and by owner ({@code OwnerOrder}), both ways, holds each
 * deal the reader may see exactly once and in order: the deals on the scope's accounts
 * whoever owns them, the scope's on another owner's account and on none, those on an
 * account shared with the reader; never another owner's deal on another owner's account.
 * Each row carries its account's, its owner's and its product's names, read with the
 * page, and the reader's board adds up to what the reader may see, weighed at each
 * stage's probability. The order and the sums are worked out here from what the test
 * made.
 */
abstract class KamOpportunityBookTests extends ApiTestSupport {

	private static final int PAGE = 4;

	/** What the test knows of a deal it made. */
	record Deal(long id, String name, BigDecimal amount, LocalDate period, LocalDateTime updatedAt, String stage,
			String owner, Long accountId, String product, boolean visible) {

		Deal withoutAccount() {
			return new Deal(this.id, this.name, this.amount, this.period, this.updatedAt, this.stage, this.owner, null,
					this.product, this.visible);
		}

	}

	/** The names the test gave its accounts, by id. */
	private final Map<Long, String> accountNames = new HashMap<>();

	/** A product some deals are for, and its name. */
	private long product;

	private String productName;

	@Test
	void aKamPagesEveryDealTheyMaySeeInEveryOrder() {
		String token = Fixtures.unique("Book").toLowerCase(java.util.Locale.ROOT);
		product(token);
		String kam = this.given.kam();
		String other = this.given.kam();
		long own = account(kam, token + " own");
		long theirs = account(other, token + " theirs");
		long shared = account(other, token + " shared");
		share(other, shared, token + " shared", kam);
		Random random = new Random(20261206);
		List<Deal> deals = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			deals.add(open(token, own, kam, random, true));
		}
		deals.add(open(token, own, other, random, true));
		deals.add(open(token, theirs, kam, random, true));
		deals.add(open(token, theirs, other, random, false));
		deals.add(open(token, shared, other, random, true));
		deals.add(open(token, shared, other, random, true));
		// A deal on no account (only imports make them): its owner sees it.
		Deal loose = open(token, own, kam, random, true);
		this.jdbc.sql("update opportunity set account_id = null, account_owner_id = 0 where id = :id")
			.param("id", loose.id())
			.update();
		deals.add(loose.withoutAccount());

		pagesInEveryOrder(kam, deals);
		assertThat(deals.stream().filter(Deal::visible)).hasSize(14);
	}

	@Test
	void aManagerPagesTheTeamsDealsInEveryOrder() {
		String token = Fixtures.unique("Team").toLowerCase(java.util.Locale.ROOT);
		product(token);
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String first = this.given.kam(team, manager);
		String second = this.given.kam(team, manager);
		String outsider = this.given.kam();
		long firsts = account(first, token + " first");
		long seconds = account(second, token + " second");
		long outside = account(outsider, token + " outside");
		long shared = account(outsider, token + " shared");
		share(outsider, shared, token + " shared", manager);
		Random random = new Random(20261207);
		List<Deal> deals = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			deals.add(open(token, firsts, first, random, true));
			deals.add(open(token, seconds, second, random, true));
		}
		// A member's deal on the other member's account, on an outsider's, and the
		// outsider's on a member's: all the team's; the outsider's own is not, unless
		// on the account shared with the manager.
		deals.add(open(token, seconds, first, random, true));
		deals.add(open(token, outside, second, random, true));
		deals.add(open(token, firsts, outsider, random, true));
		deals.add(open(token, outside, outsider, random, false));
		deals.add(open(token, shared, outsider, random, true));
		pagesInEveryOrder(manager, deals);
		assertThat(deals.stream().filter(Deal::visible)).hasSize(14);
	}

	/**
	 * Every page of the reader's list in the six orders both ways, and under a stage
	 * filter, against the visible deals in the order worked out here. The owners' names
	 * are ranked by the database's collation, which the list's order follows.
	 */
	private void pagesInEveryOrder(String reader, List<Deal> deals) {
		List<String> owners = deals.stream().map(Deal::owner).distinct().toList();
		List<String> byName = this.jdbc
			.sql("select username from app_user where username in (:owners) order by display_name")
			.param("owners", owners)
			.query(String.class)
			.list();
		assertThat(byName).hasSameSizeAs(owners);
		Map<String, String> displayNames = new HashMap<>();
		this.jdbc.sql("select username, display_name from app_user where username in (:owners)")
			.param("owners", owners)
			.query((rs, n) -> displayNames.put(rs.getString(1), rs.getString(2)))
			.list();
		Map<Long, List<String>> names = new HashMap<>();
		for (Deal deal : deals) {
			names.put(deal.id(), Arrays.asList(this.accountNames.get(deal.accountId()), displayNames.get(deal.owner()),
					deal.product()));
		}
		assertThat(deals.stream().filter((deal) -> deal.visible() && deal.product() != null)).isNotEmpty();
		boardAddsUp(reader, deals);
		Map<String, Function<Deal, ? extends Comparable<?>>> orders = Map.of("name", Deal::name, "amount", Deal::amount,
				"expected", Deal::period, "updated", Deal::updatedAt, "stage",
				(deal) -> Stage.valueOf(deal.stage()).ordinal(), "owner", (deal) -> byName.indexOf(deal.owner()));
		for (Map.Entry<String, Function<Deal, ? extends Comparable<?>>> order : orders.entrySet()) {
			for (boolean descending : new boolean[] { false, true }) {
				@SuppressWarnings({ "unchecked", "rawtypes" })
				Comparator<Deal> byKey = Comparator.comparing((Function) order.getValue(),
						Comparator.nullsLast(Comparator.naturalOrder()));
				Comparator<Deal> sorted = byKey.thenComparing(Deal::id);
				List<Long> wanted = deals.stream()
					.filter(Deal::visible)
					.sorted(descending ? sorted.reversed() : sorted)
					.map(Deal::id)
					.toList();
				String sort = (descending ? "-" : "") + order.getKey();
				assertThat(pages(reader, "sort=" + sort, wanted.size(), names)).as(sort)
					.containsExactlyElementsOf(wanted);
				String stage = deals.get(0).stage();
				List<Long> inStage = deals.stream()
					.filter((deal) -> deal.visible() && deal.stage().equals(stage))
					.sorted(descending ? sorted.reversed() : sorted)
					.map(Deal::id)
					.toList();
				assertThat(pages(reader, "sort=" + sort + "&stage=" + stage, inStage.size(), names))
					.as(sort + " " + stage)
					.containsExactlyElementsOf(inStage);
			}
		}
	}

	/** Puts the user in the account's team, as its owner does from the account's form. */
	private void share(String owner, long account, String name, String user) {
		String path = "/api/v1/accounts/" + account;
		this.api.put(owner, path, json("name", name, "team", List.of(user), "version", this.api.version(owner, path)))
			.expect(200);
	}

	/** An account the owner owns under the name, remembered by its id. */
	private long account(String owner, String name) {
		long id = this.given.accountOwnedBy(owner, name).id();
		this.accountNames.put(id, name);
		return id;
	}

	/**
	 * Each column of the reader's board holds as many deals as the reader may see in its
	 * stage, their amount (blank ones as none) and that amount at the stage's
	 * probability, rounded to cents.
	 */
	private void boardAddsUp(String reader, List<Deal> deals) {
		JsonNode board = this.api.get(reader, "/api/v1/pipeline/board?size=1").expect(200).body();
		for (JsonNode column : board.get("columns")) {
			String stage = column.get("stage").asString();
			List<Deal> inStage = deals.stream().filter((deal) -> deal.visible() && deal.stage().equals(stage)).toList();
			BigDecimal amount = inStage.stream()
				.map((deal) -> (deal.amount() != null) ? deal.amount() : BigDecimal.ZERO)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			int probability = this.jdbc
				.sql("select probability from opportunity_stage_probability where stage = :stage")
				.param("stage", stage)
				.query(Integer.class)
				.single();
			BigDecimal weighted = amount.multiply(BigDecimal.valueOf(probability))
				.divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP);
			assertThat(column.get("count").asLong()).as(stage).isEqualTo(inStage.size());
			assertThat(column.get("amount").decimalValue()).as(stage).isEqualByComparingTo(amount);
			assertThat(column.get("weighted").decimalValue()).as(stage).isEqualByComparingTo(weighted);
		}
		assertThat(deals.stream().filter(Deal::visible).map(Deal::stage).distinct()).hasSizeGreaterThan(1);
	}

	/** A product for some of the test's deals, named after the test's token. */
	private void product(String token) {
		this.productName = token + " product";
		this.product = this.api.post(Api.ADMIN, "/api/v1/products", json("name", this.productName, "unitCost", "1.00"))
			.expect(201)
			.id();
	}

	/**
	 * Every page of the reader's list, checking each page's total and each row's account,
	 * owner and product names.
	 * @param names each deal's account name (null without one), owner's display name and
	 * product's name (null without one)
	 */
	private List<Long> pages(String user, String query, int total, Map<Long, List<String>> names) {
		List<Long> ids = new ArrayList<>();
		for (int page = 0; page * PAGE < Math.max(total, 1); page++) {
			Api.Response answer = this.api
				.get(user, "/api/v1/opportunities?size=" + PAGE + "&page=" + page + "&" + query)
				.expect(200);
			assertThat(answer.totalElements()).as(query).isEqualTo(total);
			ids.addAll(answer.ids());
			for (JsonNode row : answer.body().get("content")) {
				assertThat(Arrays.asList(row.get("accountName").asString(null), row.get("owner").asString(null),
						row.get("productName").asString(null)))
					.as(query + " names of " + row.get("id"))
					.isEqualTo(names.get(row.get("id").asLong()));
			}
		}
		return ids;
	}

	private Deal open(String token, long account, String owner, Random random, boolean visible) {
		Integer amount = (random.nextInt(5) == 0) ? null : 100 * (1 + random.nextInt(50));
		LocalDate expected = LocalDate.of(2041, 1, 1).plusDays(random.nextInt(60));
		boolean withProduct = random.nextInt(3) == 0;
		long id = this.api.post(Api.ADMIN, "/api/v1/opportunities",
				json("accountId", account, "name", token + " " + (char) ('a' + random.nextInt(26)) + random.nextInt(10),
						"amount", amount, "owner", owner, "expectedCloseDate", expected, "productIds",
						withProduct ? List.of(this.product) : List.of()))
			.expect(201)
			.id();
		if (random.nextBoolean()) {
			this.api
				.post(owner, "/api/v1/opportunities/" + id + "/stage",
						json("stage", Stage.open().get(1), "version",
								this.api.version(owner, "/api/v1/opportunities/" + id)))
				.expect(200);
		}
		JsonNode o = this.api.get(Api.ADMIN, "/api/v1/opportunities/" + id).expect(200).body();
		return new Deal(id, o.get("name").asString(), (amount != null) ? new BigDecimal(amount) : null, expected,
				LocalDateTime.parse(o.get("updatedAt").asString()), o.get("stage").asString(), owner, account,
				withProduct ? this.productName : null, visible);
	}

}
