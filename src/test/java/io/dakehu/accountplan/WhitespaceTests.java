package io.dakehu.accountplan;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whitespace matrix (DOMAIN.md §10.7) of a group of a parent and two subsidiaries
 * against three product lines: purchases of the last twelve months (with a purchase on
 * the first day counted and one on the day before not), open deals (a lost one not, a
 * deal on a line already bought not turning the cell), and white space elsewhere. The
 * expected cells are worked out here from the same facts the test enters.
 */
abstract class WhitespaceTests extends ApiTestSupport {

	@Autowired
	private Clock clock;

	@LocalServerPort
	private int port;

	private LocalDate today;

	private String kam;

	private String otherKam;

	private long parent;

	private long first;

	private long second;

	private long hidden;

	/** Product line name → its products' ids; and the product line ids. */
	private final Map<String, List<Long>> products = new HashMap<>();

	private final Map<String, Long> lineIds = new HashMap<>();

	private final List<String> lines = new ArrayList<>();

	/** What the test entered: (account, line) → purchase days and open / lost deals. */
	private final List<Purchase> purchases = new ArrayList<>();

	private final List<Deal> deals = new ArrayList<>();

	@BeforeAll
	void group() {
		this.today = LocalDate.now(this.clock);
		this.kam = this.given.kam();
		this.otherKam = this.given.kam();
		this.parent = this.given.accountOwnedBy(this.kam, Fixtures.unique("Group")).id();
		this.first = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Sub A"), "owner", this.kam, "parentId", this.parent))
			.id();
		this.second = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Sub B"), "owner", this.kam, "parentId", this.parent))
			.id();
		this.hidden = this.given
			.account(Api.ADMIN, json("name", Fixtures.unique("Sub C"), "owner", this.otherKam, "parentId", this.parent))
			.id();
		for (String line : List.of("Pumps", "Valves", "Sensors")) {
			String name = Fixtures.unique(line);
			this.lines.add(name);
			for (String product : List.of("Basic", "Pro")) {
				JsonNode created = this.api
					.post(Api.ADMIN, "/api/v1/products",
							json("name", Fixtures.unique(line + " " + product), "productLine", name))
					.expect(201)
					.body();
				this.products.computeIfAbsent(name, (k) -> new ArrayList<>()).add(created.get("id").asLong());
			}
			this.lineIds.put(name, lineOf(this.products.get(name).get(0)));
		}
		String pumps = this.lines.get(0);
		String valves = this.lines.get(1);
		String sensors = this.lines.get(2);
		LocalDate firstCounted = this.today.minusYears(1).plusDays(1);
		// The parent bought pumps a month ago and is offered more; valves the day before
		// the twelve months began.
		buy(this.parent, pumps, 0, this.today.minusDays(30), "1200");
		deal(this.parent, List.of(pumps), false);
		buy(this.parent, valves, 0, firstCounted.minusDays(1), "800");
		// The first subsidiary bought pumps (the other product) today and sensors on the
		// first counted day; it lost a valves deal.
		buy(this.first, pumps, 1, this.today, "300");
		buy(this.first, sensors, 1, firstCounted, "450");
		deal(this.first, List.of(valves), true);
		// The second subsidiary is offered valves and sensors in one deal.
		deal(this.second, List.of(valves, sensors), false);
		// The subsidiary outside the KAM's scope bought everything: none of it may show.
		buy(this.hidden, valves, 0, this.today.minusDays(5), "999");
		buy(this.hidden, sensors, 0, this.today.minusDays(5), "999");
	}

	@Test
	void theGroupGetsExactlyTheCellsItsPurchasesAndDealsGive() {
		JsonNode matrix = this.api.get(this.kam, "/api/v1/accounts/" + this.parent + "/whitespace").expect(200).body();
		assertThat(matrix.get("from").asString()).isEqualTo(this.today.minusYears(1).plusDays(1).toString());
		assertThat(matrix.get("to").asString()).isEqualTo(this.today.toString());
		assertThat(matrix.get("hiddenSubsidiaries").asInt()).isEqualTo(1);
		List<Long> rows = new ArrayList<>();
		matrix.get("rows").forEach((row) -> rows.add(row.get("accountId").asLong()));
		assertThat(rows).containsExactly(this.parent, this.first, this.second);

		Map<String, String> cells = new HashMap<>();
		Map<Long, String> lineNames = new HashMap<>();
		this.lineIds.forEach((name, id) -> lineNames.put(id, name));
		List<Long> columns = new ArrayList<>();
		matrix.get("columns").forEach((column) -> columns.add(column.get("productLineId").asLong()));
		assertThat(columns).containsAll(this.lineIds.values());
		for (JsonNode row : matrix.get("rows")) {
			assertThat(row.get("cells")).hasSize(columns.size());
			for (JsonNode cell : row.get("cells")) {
				String line = lineNames.get(cell.get("productLineId").asLong());
				if (line != null) {
					cells.put(row.get("accountId").asLong() + "/" + line, cell.get("state").asString());
				}
			}
		}
		assertThat(cells).isEqualTo(expectedCells());
		assertThat(cells.values()).contains("BOUGHT", "OPEN_OPPORTUNITY", "WHITE_SPACE");
	}

	@Test
	void aBoughtCellCarriesItsAmountAndLastDayAndAnOpenCellItsDeal() {
		JsonNode matrix = this.api.get(this.kam, "/api/v1/accounts/" + this.parent + "/whitespace").expect(200).body();
		JsonNode firstRow = row(matrix, this.first);
		JsonNode pumps = cell(firstRow, this.lines.get(0));
		assertThat(pumps.get("amount").decimalValue()).isEqualByComparingTo("300");
		assertThat(pumps.get("lastBought").asString()).isEqualTo(this.today.toString());
		JsonNode secondRow = row(matrix, this.second);
		JsonNode sensors = cell(secondRow, this.lines.get(2));
		assertThat(sensors.get("openDeals").asInt()).isEqualTo(1);
		assertThat(sensors.get("opportunityId").asLong()).isEqualTo(this.deals.get(2).id());
	}

	@Test
	void aSubsidiaryHasItsOwnMatrixAndAnotherKamsGroupIsNotFound() {
		JsonNode own = this.api.get(this.kam, "/api/v1/accounts/" + this.first + "/whitespace").expect(200).body();
		assertThat(own.get("rows")).hasSize(1);
		assertThat(own.get("hiddenSubsidiaries").asInt()).isZero();
		this.api.get(this.otherKam, "/api/v1/accounts/" + this.parent + "/whitespace").expect(404);
	}

	@Test
	void aWhiteCellOnThePlanPageOpensAnOpportunityForItsAccountAndLine() {
		this.api.post(this.kam, "/api/v1/accounts/" + this.parent + "/plans", json("year", this.today.getYear()))
			.expect(201);
		SignedIn session = SignedIn.as(this.port, this.kam, Api.USER_PASSWORD);
		Document page = Jsoup
			.parse(session.get("/accounts/" + this.parent + "/plans/" + this.today.getYear(), "en").text());
		String valves = this.lines.get(1);
		long valvesLine = this.lineIds.get(valves);
		Element white = page
			.selectFirst("#whitespace-matrix tr[data-account=" + this.parent + "] td[data-line=" + valvesLine + "]");
		assertThat(white).isNotNull();
		assertThat(white.attr("data-state")).isEqualTo("WHITE_SPACE");
		String href = white.selectFirst("a").attr("href");
		assertThat(href).startsWith("/opportunities/new?")
			.contains("accountId=" + this.parent)
			.contains("productId=" + this.products.get(valves).get(0));
		Document form = Jsoup.parse(session.get(href, "en").text());
		assertThat(form.selectFirst("input[name=accountId]").attr("value")).isEqualTo(String.valueOf(this.parent));
		assertThat(form.selectFirst("input[name=productId]").attr("value"))
			.isEqualTo(String.valueOf(this.products.get(valves).get(0)));
		assertThat(form.selectFirst("input[name=name]").attr("value")).contains(valves);
		Element bought = page.selectFirst("#whitespace-matrix tr[data-account=" + this.parent + "] td[data-line="
				+ this.lineIds.get(this.lines.get(0)) + "]");
		assertThat(bought.attr("data-state")).isEqualTo("BOUGHT");
		assertThat(bought.select("a")).isEmpty();
	}

	/**
	 * The rule of §10.7 applied to what the test entered: bought in the twelve months up
	 * to today, else offered in a deal still open, else white space.
	 */
	private Map<String, String> expectedCells() {
		LocalDate from = this.today.minusYears(1).plusDays(1);
		Map<String, String> expected = new HashMap<>();
		for (long account : List.of(this.parent, this.first, this.second)) {
			for (String line : this.lines) {
				boolean bought = this.purchases.stream()
					.anyMatch((p) -> p.account() == account && p.line().equals(line) && !p.day().isBefore(from)
							&& !p.day().isAfter(this.today));
				boolean open = this.deals.stream()
					.anyMatch((d) -> d.account() == account && d.lines().contains(line) && !d.lost());
				expected.put(account + "/" + line, bought ? "BOUGHT" : (open ? "OPEN_OPPORTUNITY" : "WHITE_SPACE"));
			}
		}
		return expected;
	}

	private JsonNode row(JsonNode matrix, long account) {
		for (JsonNode row : matrix.get("rows")) {
			if (row.get("accountId").asLong() == account) {
				return row;
			}
		}
		throw new AssertionError("no row for " + account);
	}

	private JsonNode cell(JsonNode row, String line) {
		for (JsonNode cell : row.get("cells")) {
			if (cell.get("productLineId").asLong() == this.lineIds.get(line)) {
				return cell;
			}
		}
		throw new AssertionError("no cell for " + line);
	}

	private void buy(long account, String line, int product, LocalDate day, String amount) {
		long productId = this.products.get(line).get(product);
		this.api
			.post(Api.ADMIN, "/api/v1/orders",
					json("accountId", account, "date", day.toString(), "productId", productId, "amount", amount))
			.expect(201);
		this.purchases.add(new Purchase(account, line, day));
	}

	private void deal(long account, List<String> lines, boolean lost) {
		List<Long> offered = lines.stream().map((line) -> this.products.get(line).get(0)).toList();
		Api.Response created = this.api
			.post(this.kam, "/api/v1/opportunities",
					json("accountId", account, "name", Fixtures.unique("Deal"), "productIds", offered))
			.expect(201);
		if (lost) {
			this.api
				.post(this.kam, "/api/v1/opportunities/" + created.id() + "/lose",
						json("reason", "Price", "competitor", "Rival Pumps", "version", created.version()))
				.expect(200);
		}
		this.deals.add(new Deal(created.id(), account, lines, lost));
	}

	/** The product line of a product, read where the catalogue keeps it. */
	private long lineOf(long productId) {
		return this.jdbc.sql("select product_line_id from product where id = :id")
			.param("id", productId)
			.query(Long.class)
			.single();
	}

	private record Purchase(long account, String line, LocalDate day) {
	}

	private record Deal(long id, long account, List<String> lines, boolean lost) {
	}

}
