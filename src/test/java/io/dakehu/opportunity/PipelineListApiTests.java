package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The opportunity list and the board at the size of a real pipeline: pages, sorting,
 * search and filters, each checked against the order and the subset worked out here from
 * what the test created (seeded, so a failure repeats); record scope on every answer; the
 * board's columns with their counts and "more"; a KAM's board opening on their own deals.
 */
abstract class PipelineListApiTests extends ApiTestSupport {

	/** A close period some of the generated deals fall in. */
	private static final LocalDate WINDOW_FROM = LocalDate.of(2040, 3, 1);

	private static final LocalDate WINDOW_TO = LocalDate.of(2040, 8, 31);

	private static final PurchaseType[] TYPES = { null, PurchaseType.NEW_TASK, PurchaseType.MODIFIED_REBUY,
			PurchaseType.STRAIGHT_REBUY };

	/** In every deal's name and every account's name: this class's data, and no other. */
	private String token;

	private String kam;

	private String other;

	private long kamId;

	private String bravo;

	private final List<Deal> deals = new ArrayList<>();

	/** What the test knows of an opportunity, to work out what each list must show. */
	record Deal(long id, String name, String account, String accountOwner, String owner, String ownerName, Stage stage,
			BigDecimal amount, LocalDate period, PurchaseType type, LocalDateTime stageSince, LocalDateTime updatedAt) {

		boolean visibleTo(String user) {
			return this.owner.equals(user) || user.equals(this.accountOwner);
		}

	}

	@BeforeAll
	void pipeline() {
		this.token = Fixtures.unique("Pq");
		this.kam = this.given.kam();
		this.other = this.given.kam();
		Random random = new Random(20261202);
		Map<String, Long> accounts = new java.util.LinkedHashMap<>();
		for (String suffix : List.of(" Alpha", " Bravo")) {
			accounts.put(this.token + suffix, this.given.accountOwnedBy(this.kam, this.token + suffix).id());
		}
		this.bravo = this.token + " Bravo";
		long charlie = this.given.accountOwnedBy(this.other, this.token + " Charlie").id();
		List<String> accountNames = new ArrayList<>(accounts.keySet());
		for (int i = 0; i < 16; i++) {
			String account = accountNames.get(random.nextInt(2));
			open(this.kam, this.kam, account, accounts.get(account), random, true);
		}
		// The other KAM's deals: one on an account of theirs (never visible to the first
		// KAM), one on the first KAM's account (visible to both, and the first KAM's
		// board leaves it out unless asked for every owner).
		for (int i = 0; i < 4; i++) {
			open(this.other, this.other, this.token + " Charlie", charlie, random, true);
		}
		open(Api.ADMIN, this.other, accountNames.get(0), accounts.get(accountNames.get(0)), random, false);
		// Deals at an account archived since: still the KAM's, and in the list's order by
		// account among the live accounts' (read apart, AccountNameSql.sortedParts).
		long delta = this.given.accountOwnedBy(this.kam, this.token + " Delta").id();
		for (int i = 0; i < 3; i++) {
			open(this.kam, this.kam, this.token + " Delta", delta, random, true);
		}
		this.api.delete(this.kam, "/api/v1/accounts/" + delta).expect(204);
		// Deals on no account (only imports make them, so the account is taken off
		// here): their owner sees them, and a sort by account puts them last ascending
		// and first descending, as every column's empty values sort.
		for (int i = 0; i < 3; i++) {
			open(this.kam, this.kam, accountNames.get(1), accounts.get(accountNames.get(1)), random, true);
			Deal deal = this.deals.remove(this.deals.size() - 1);
			this.jdbc.sql("update opportunity set account_id = null, account_owner_id = 0 where id = :id")
				.param("id", deal.id())
				.update();
			this.deals.add(new Deal(deal.id(), deal.name(), null, null, deal.owner(), deal.ownerName(), deal.stage(),
					deal.amount(), deal.period(), deal.type(), deal.stageSince(), deal.updatedAt()));
		}
		this.kamId = this.deals.stream()
			.filter((deal) -> deal.owner().equals(this.kam))
			.findFirst()
			.map((deal) -> this.api.get(this.kam, "/api/v1/opportunities/" + deal.id())
				.expect(200)
				.body()
				.get("ownerId")
				.asLong())
			.orElseThrow();
	}

	private void open(String creator, String owner, String account, long accountId, Random random, boolean moves) {
		String name = this.token + "-" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
				+ (char) ('A' + random.nextInt(26));
		Integer amount = (random.nextInt(6) == 0) ? null : 100 * (1 + random.nextInt(500));
		LocalDate expected = LocalDate.of(2040, 1, 1).plusDays(random.nextInt(365));
		PurchaseType type = TYPES[random.nextInt(TYPES.length)];
		long id = this.api
			.post(creator, "/api/v1/opportunities",
					json("accountId", accountId, "name", name, "amount", amount, "owner", owner, "expectedCloseDate",
							expected, "purchaseType", (type != null) ? type.name() : null))
			.expect(201)
			.id();
		int move = moves ? random.nextInt(10) : 0;
		if (move < 6 && move > 0) {
			this.api
				.post(owner, "/api/v1/opportunities/" + id + "/stage",
						json("stage", Stage.open().get(move), "version",
								this.api.version(owner, "/api/v1/opportunities/" + id)))
				.expect(200);
		}
		else if (move == 6 && amount != null) {
			this.api
				.post(owner, "/api/v1/opportunities/" + id + "/win",
						json("closeDate", LocalDate.of(2040, 1, 1).plusDays(random.nextInt(365)), "version",
								this.api.version(owner, "/api/v1/opportunities/" + id)))
				.expect(200);
		}
		else if (move == 7) {
			this.api
				.post(owner, "/api/v1/opportunities/" + id + "/lose",
						json("reason", "Price", "competitor", "Rival", "closeDate",
								LocalDate.of(2040, 1, 1).plusDays(random.nextInt(365)), "version",
								this.api.version(owner, "/api/v1/opportunities/" + id)))
				.expect(200);
		}
		JsonNode o = this.api.get(owner, "/api/v1/opportunities/" + id).expect(200).body();
		this.deals.add(new Deal(id, name, account, accountOwner(account), owner, "Test " + owner,
				Stage.valueOf(o.get("stage").asString()), amount != null ? new BigDecimal(amount) : null,
				o.get("closeDate").isNull() ? expected : LocalDate.parse(o.get("closeDate").asString()), type,
				LocalDateTime.parse(o.get("stageSince").asString()),
				LocalDateTime.parse(o.get("updatedAt").asString())));
	}

	private String accountOwner(String account) {
		if (account == null) {
			return null;
		}
		return account.endsWith(" Charlie") ? this.other : this.kam;
	}

	private List<Long> expected(String user, Predicate<Deal> filter, Comparator<Deal> order) {
		return this.deals.stream()
			.filter((deal) -> deal.visibleTo(user))
			.filter(filter)
			.sorted(order.thenComparing(Deal::id))
			.map(Deal::id)
			.toList();
	}

	/**
	 * The KAM's deals closing from {@link #WINDOW_FROM} to {@link #WINDOW_TO}, by name;
	 * some.
	 */
	private List<Long> windowByName() {
		List<Long> window = expected(this.kam,
				(deal) -> !deal.period().isBefore(WINDOW_FROM) && !deal.period().isAfter(WINDOW_TO),
				Comparator.comparing(Deal::name));
		assertThat(window).isNotEmpty();
		return window;
	}

	/** Every page of the list, one after the other, checking each page's total. */
	private List<Long> allPages(String user, String query, int size, long total) {
		List<Long> ids = new ArrayList<>();
		for (int page = 0; page * size < Math.max(total, 1); page++) {
			Api.Response answer = this.api
				.get(user, "/api/v1/opportunities?q=" + this.token + "&size=" + size + "&page=" + page + query)
				.expect(200);
			assertThat(answer.totalElements()).as(query).isEqualTo(total);
			assertThat(answer.items().size()).isLessThanOrEqualTo(size);
			ids.addAll(answer.ids());
		}
		return ids;
	}

	/**
	 * Ascending with nulls last and descending with nulls first, as both databases sort.
	 */
	private static <T extends Comparable<T>> Comparator<Deal> by(Function<Deal, T> key, boolean descending) {
		Comparator<T> natural = Comparator.naturalOrder();
		Comparator<Deal> ascending = Comparator.comparing(key, Comparator.nullsLast(natural));
		return descending ? Comparator.comparing(key, Comparator.nullsLast(natural)).reversed() : ascending;
	}

	@Test
	void pagesSortTheListByEveryColumnBothWays() {
		Map<String, Function<Deal, ? extends Comparable>> keys = new java.util.LinkedHashMap<>();
		keys.put("name", Deal::name);
		keys.put("account", (deal) -> (deal.account() != null) ? deal.account().toLowerCase(Locale.ROOT) : null);
		keys.put("stage", Deal::stage);
		keys.put("amount", Deal::amount);
		keys.put("expected", Deal::period);
		keys.put("updated", Deal::updatedAt);
		keys.put("owner", Deal::ownerName);
		for (Map.Entry<String, Function<Deal, ? extends Comparable>> key : keys.entrySet()) {
			for (boolean descending : new boolean[] { false, true }) {
				@SuppressWarnings({ "unchecked", "rawtypes" })
				Comparator<Deal> order = by((Function) key.getValue(), descending);
				Comparator<Deal> tieBreak = descending ? order.thenComparing(Deal::id, Comparator.reverseOrder())
						: order.thenComparing(Deal::id);
				for (String user : List.of(this.kam, Api.ADMIN)) {
					List<Long> wanted = this.deals.stream()
						.filter((deal) -> Api.ADMIN.equals(user) || deal.visibleTo(user))
						.sorted(tieBreak)
						.map(Deal::id)
						.toList();
					String sort = (descending ? "-" : "") + key.getKey();
					assertThat(allPages(user, "&sort=" + sort, 4, wanted.size())).as(user + " sort=" + sort)
						.containsExactlyElementsOf(wanted);
				}
			}
		}
	}

	@Test
	void filtersByStageOwnerPurchaseTypeCloseDatesAndSearch() {
		Comparator<Deal> byName = Comparator.comparing(Deal::name);
		Deal some = this.deals.stream().filter((deal) -> deal.owner().equals(this.kam)).findFirst().orElseThrow();
		assertThat(allPages(this.kam, "&sort=name&stage=" + some.stage(), 5,
				expected(this.kam, (deal) -> deal.stage() == some.stage(), byName).size()))
			.containsExactlyElementsOf(expected(this.kam, (deal) -> deal.stage() == some.stage(), byName));
		for (PurchaseType type : PurchaseType.values()) {
			List<Long> wanted = expected(this.kam, (deal) -> deal.type() == type, byName);
			assertThat(allPages(this.kam, "&sort=name&purchaseType=" + type, 5, wanted.size())).as(type.name())
				.containsExactlyElementsOf(wanted);
		}
		LocalDate from = WINDOW_FROM;
		LocalDate to = WINDOW_TO;
		List<Long> window = windowByName();
		assertThat(allPages(this.kam, "&sort=name&closeFrom=" + from + "&closeTo=" + to, 5, window.size()))
			.containsExactlyElementsOf(window);
		List<Long> combined = expected(this.kam,
				(deal) -> !deal.period().isBefore(from) && deal.type() == PurchaseType.NEW_TASK, byName);
		assertThat(allPages(this.kam, "&sort=name&closeFrom=" + from + "&purchaseType=NEW_TASK", 5, combined.size()))
			.containsExactlyElementsOf(combined);
		List<Long> mine = expected(this.kam, (deal) -> deal.owner().equals(this.kam), byName);
		assertThat(allPages(this.kam, "&sort=name&owner=" + this.kam, 5, mine.size())).containsExactlyElementsOf(mine);

		// The account's name finds its deals though their own names do not contain it.
		List<Long> onBravo = this.deals.stream()
			.filter((deal) -> this.bravo.equals(deal.account()))
			.sorted(byName.thenComparing(Deal::id))
			.map(Deal::id)
			.toList();
		assertThat(onBravo).isNotEmpty();
		Api.Response found = this.api
			.get(this.kam, "/api/v1/opportunities?size=100&sort=name&q=" + this.bravo.toUpperCase(Locale.ROOT))
			.expect(200);
		assertThat(found.ids()).containsExactlyElementsOf(onBravo);
		assertThat(found.totalElements()).isEqualTo(onBravo.size());
		Deal named = this.deals.get(3);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/opportunities?q=" + named.name().toLowerCase(Locale.ROOT))
			.expect(200)
			.ids()).containsExactly(named.id());
	}

	@Test
	void theClosePeriodReadsAlikeUnderEitherNameOnTheApiAndThePageAndTwoDaysForOneBoundAreRefused() {
		LocalDate from = WINDOW_FROM;
		LocalDate to = WINDOW_TO;
		List<Long> window = windowByName();
		assertThat(allPages(this.kam, "&sort=name&from=" + from + "&to=" + to, 5, window.size()))
			.containsExactlyElementsOf(window);
		assertThat(allPages(this.kam, "&sort=name&from=" + from + "&closeTo=" + to, 5, window.size()))
			.containsExactlyElementsOf(window);
		assertThat(allPages(this.kam, "&sort=name&from=" + from + "&closeFrom=" + from + "&to=" + to, 5, window.size()))
			.containsExactlyElementsOf(window);

		Api.Response clash = this.api
			.get(this.kam, "/api/v1/opportunities?from=" + from + "&closeFrom=" + from.plusDays(1))
			.expect(400);
		assertThat(clash.errorFields()).containsExactly("from");
		assertThat(clash.text()).contains("closeFrom");

		// The list page (every owner's deals on the KAM's accounts, closed ones too, as
		// the
		// API lists them) of the same period under the API's names: its rows are the
		// window's.
		List<Long> firstRows = window.subList(0, Math.min(window.size(), 25));
		for (String period : List.of("&from=" + from + "&to=" + to, "&closeFrom=" + from + "&closeTo=" + to)) {
			String html = this.api
				.page(this.kam, "/pipeline/list?ownerId=any&closed=true&q=" + this.token + "&sort=name" + period)
				.expect(200)
				.text();
			List<Long> rows = Pattern.compile("data-id=\"(\\d+)\"")
				.matcher(html)
				.results()
				.map((row) -> Long.valueOf(row.group(1)))
				.toList();
			assertThat(rows).as(period).containsExactlyElementsOf(firstRows);
		}
		assertThat(this.api.page(this.kam, "/pipeline/list?to=" + to + "&closeTo=" + to.minusDays(1)).status())
			.isEqualTo(400);
	}

	@Test
	void aDealFoundByItsNameAndItsAccountsNameComesOnceAndABlankNameByItsAccount() {
		String word = Fixtures.unique("Nw");
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, word + " Echo").id();
		long other = this.given.accountOwnedBy(kam, "Plain " + Fixtures.unique("Pl")).id();
		long both = deal(kam, account, word + " Echo renewal", 100);
		long accountOnly = deal(kam, account, "Renewal", 200);
		long blank = deal(kam, account, "Blank soon", 400);
		long nameOnly = deal(kam, other, "For " + word + " Echo", 800);
		deal(kam, other, "Unrelated", 1600);
		// Only imports leave a deal without a name.
		this.jdbc.sql("update opportunity set name = null where id = :id").param("id", blank).update();
		for (String user : List.of(kam, Api.ADMIN)) {
			Api.Response found = this.api
				.get(user, "/api/v1/opportunities?size=10&sort=-amount&q=" + word.toLowerCase(Locale.ROOT) + " echo")
				.expect(200);
			assertThat(found.ids()).as(user).containsExactly(nameOnly, blank, accountOnly, both);
			assertThat(found.totalElements()).as(user).isEqualTo(4);
		}
	}

	private long deal(String owner, long accountId, String name, int amount) {
		return this.api
			.post(owner, "/api/v1/opportunities",
					json("accountId", accountId, "name", name, "amount", amount, "expectedCloseDate",
							LocalDate.of(2041, 1, 1)))
			.expect(201)
			.id();
	}

	@Test
	void anotherKamsDealsNeverAppear() {
		List<Long> hidden = this.deals.stream().filter((deal) -> !deal.visibleTo(this.kam)).map(Deal::id).toList();
		assertThat(hidden).hasSize(4);
		assertThat(allPages(this.kam, "&sort=-amount", 7, expected(this.kam, (deal) -> true, (a, b) -> 0).size()))
			.doesNotContainAnyElementsOf(hidden);
		Api.Response theirs = this.api.get(this.kam, "/api/v1/opportunities?q=" + this.token + "&owner=" + this.other)
			.expect(200);
		// Only the other KAM's deal on the first KAM's own account.
		assertThat(theirs.ids()).containsExactlyElementsOf(
				expected(this.kam, (deal) -> deal.owner().equals(this.other), Comparator.comparing(Deal::period)));
		assertThat(this.api.get(this.kam, "/api/v1/opportunities?q=" + this.token + " Charlie").expect(200).ids())
			.isEmpty();
		for (Stage stage : Stage.open()) {
			JsonNode column = this.api
				.get(this.kam, "/api/v1/pipeline/board/" + stage + "?q=" + this.token + "&size=200")
				.expect(200)
				.body();
			for (JsonNode card : column.get("cards")) {
				assertThat(hidden).doesNotContain(card.get("id").asLong());
			}
		}
		this.api.get(this.kam, "/api/v1/opportunities/" + hidden.get(0)).expect(404);
	}

	@Test
	void boardColumnsCountEveryCardAndPageThroughThemWithMore() {
		Map<Stage, Integer> probabilities = new java.util.EnumMap<>(Stage.class);
		this.api.get(Api.ADMIN, "/api/v1/stage-probabilities")
			.expect(200)
			.body()
			.properties()
			.forEach((entry) -> probabilities.put(Stage.valueOf(entry.getKey()), entry.getValue().asInt()));
		JsonNode board = this.api.get(this.kam, "/api/v1/pipeline/board?size=2&q=" + this.token).expect(200).body();
		assertThat(board.get("columns")).hasSize(8);
		for (Stage stage : Stage.open()) {
			List<Deal> inStage = this.deals.stream()
				.filter((deal) -> deal.visibleTo(this.kam) && deal.stage() == stage)
				.sorted(Comparator.comparing(Deal::stageSince).thenComparing(Deal::id))
				.toList();
			JsonNode first = column(board, stage);
			assertThat(first.get("count").asLong()).as(stage.name()).isEqualTo(inStage.size());
			assertThat(first.get("amount").decimalValue()).as(stage.name())
				.isEqualByComparingTo(inStage.stream()
					.map(Deal::amount)
					.filter(Objects::nonNull)
					.reduce(BigDecimal.ZERO, BigDecimal::add));
			// The stage's amount at its probability, rounded once (decision 0019).
			assertThat(first.get("weighted").decimalValue()).as(stage.name())
				.isEqualByComparingTo(inStage.stream()
					.map(Deal::amount)
					.filter(Objects::nonNull)
					.reduce(BigDecimal.ZERO, BigDecimal::add)
					.multiply(BigDecimal.valueOf(probabilities.get(stage)))
					.movePointLeft(2)
					.setScale(2, java.math.RoundingMode.HALF_UP));
			List<Long> firstCards = new ArrayList<>();
			first.get("cards").forEach((card) -> firstCards.add(card.get("id").asLong()));
			assertThat(firstCards).as(stage.name())
				.containsExactlyElementsOf(inStage.stream().limit(2).map(Deal::id).toList());
			assertThat(first.get("more").asBoolean()).isEqualTo(inStage.size() > 2);

			List<Long> paged = new ArrayList<>();
			boolean more = true;
			for (int page = 0; more; page++) {
				JsonNode column = this.api
					.get(this.kam, "/api/v1/pipeline/board/" + stage + "?size=3&page=" + page + "&q=" + this.token)
					.expect(200)
					.body();
				assertThat(column.get("count").asLong()).isEqualTo(inStage.size());
				// A column's page adds its totals up from one reading of the search's
				// matches (OpportunityLists.page): the board's, checked above.
				assertThat(column.get("amount").decimalValue())
					.isEqualByComparingTo(first.get("amount").decimalValue());
				assertThat(column.get("weighted").decimalValue())
					.isEqualByComparingTo(first.get("weighted").decimalValue());
				column.get("cards").forEach((card) -> paged.add(card.get("id").asLong()));
				more = column.get("more").asBoolean();
				assertThat(more).isEqualTo((page + 1) * 3 < inStage.size());
			}
			assertThat(paged).as(stage.name()).containsExactlyElementsOf(inStage.stream().map(Deal::id).toList());
		}
	}

	@Test
	void aKamsBoardOpensOnTheirOwnDeals() {
		Deal theirs = this.deals.stream()
			.filter((deal) -> deal.owner().equals(this.other) && deal.visibleTo(this.kam))
			.findFirst()
			.orElseThrow();
		Stage stage = theirs.stage();
		List<Long> mine = this.deals.stream()
			.filter((deal) -> deal.owner().equals(this.kam) && deal.stage() == stage)
			.map(Deal::id)
			.toList();
		String column = "/pipeline/columns/" + stage + "?size=200&q=" + this.token;
		String byDefault = this.api.page(this.kam, column).expect(200).text();
		for (long id : mine) {
			assertThat(byDefault).contains("id=\"card-" + id + "\"");
		}
		assertThat(mine).isNotEmpty();
		assertThat(byDefault).contains(">" + mine.size() + " opportunities<")
			.doesNotContain("id=\"card-" + theirs.id() + "\"");
		String everyone = this.api.page(this.kam, column + "&ownerId=any").expect(200).text();
		assertThat(everyone).contains("id=\"card-" + theirs.id() + "\"")
			.contains(">" + (mine.size() + 1) + " opportunities<");

		String page = this.api.page(this.kam, "/pipeline").expect(200).text();
		assertThat(page).containsPattern("<option value=\"" + this.kamId + "\"[^>]*selected");
		// Every buying step is a column of the board, loaded by itself, with "mine" in
		// its address.
		for (Stage step : Stage.open()) {
			assertThat(page).contains("id=\"column-" + step + "\"")
				.containsPattern("/pipeline/columns/" + step + "\\?ownerId=" + this.kamId);
		}
		// A manager's or director's board shows every owner by default.
		String director = this.given.director();
		assertThat(this.api.page(director, column).expect(200).text()).contains("id=\"card-" + mine.get(0) + "\"");
	}

	private static JsonNode column(JsonNode board, String stage) {
		for (JsonNode column : board.get("columns")) {
			if (column.get("stage").asString().equals(stage)) {
				return column;
			}
		}
		throw new AssertionError(stage);
	}

	private static JsonNode column(JsonNode board, Stage stage) {
		return column(board, stage.name());
	}

}
