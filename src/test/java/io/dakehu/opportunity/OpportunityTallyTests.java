package io.dakehu.opportunity;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tallies of opportunities per owner and stage, and per purchase type, agree with the
 * opportunities after every kind of write, and the board and list read from it,
 * unfiltered or by purchase type, show what adding up the visible opportunities shows,
 * for every role and with another owner's deals on a reader's accounts. The expected
 * figures are a GROUP BY over the opportunities and a sum over their rows worked out
 * here.
 */
abstract class OpportunityTallyTests extends ApiTestSupport {

	@Autowired
	private ImportJobs imports;

	@Autowired
	private Users users;

	@Autowired
	private OpportunityListTotals listTotals;

	private String manager;

	private String kam;

	private String other;

	private long survivor;

	private long absorbed;

	private long othersAccount;

	@Test
	void theTallyAgreesWithTheOpportunitiesAfterEveryKindOfWrite() {
		people();
		String deal = Fixtures.unique("Tally");
		long first = open(this.kam, this.survivor, "1234.57", "PROBLEM_RECOGNITION", "NEW_TASK", "2026-03-15");
		long second = open(this.kam, this.absorbed, null, "SUPPLIER_SEARCH", null, "2026-04-01");
		long third = open(this.other, this.othersAccount, "80.10", "ORDER", "MODIFIED_REBUY", "2026-05-31");
		// Another owner's deal on the KAM's account: the KAM and their manager see it.
		long guest = open(Api.ADMIN, this.other, this.survivor, "999.99", "SUPPLIER_SEARCH", "NEW_TASK", "2026-04-20");
		open(this.kam, this.survivor, "10.00", "SUPPLIER_SEARCH", "STRAIGHT_REBUY", null);
		tallyAgrees("after opening");
		totalsAgreeForEveryReader(false);

		edit(this.kam, first, "2000.01", this.kam, "NEW_TASK", "2026-03-15");
		tallyAgrees("after a new amount");
		edit(this.kam, second, "15.50", this.kam, null, "2026-04-01");
		tallyAgrees("after a first amount");
		edit(this.kam, first, "2000.01", this.kam, "STRAIGHT_REBUY", "2026-05-02");
		tallyAgrees("after a new purchase type and expected close");
		edit(this.kam, second, "15.50", this.kam, "MODIFIED_REBUY", "2026-04-01");
		tallyAgrees("after a first purchase type");
		// Only someone who sees both KAMs may hand a deal from one to the other.
		edit(Api.ADMIN, first, "2000.01", this.other, "STRAIGHT_REBUY", "2026-05-02");
		tallyAgrees("after a reassignment");
		edit(Api.ADMIN, first, null, this.kam, null, null);
		tallyAgrees("after a reassignment back without an amount, a purchase type or an expected close");
		edit(this.kam, first, null, this.kam, "NEW_TASK", "2026-03-09");
		tallyAgrees("after a first expected close");

		this.api
			.post(this.kam, "/api/v1/opportunities/" + second + "/stage",
					json("stage", "ORDER", "version", this.api.version(this.kam, "/api/v1/opportunities/" + second)))
			.expect(200);
		this.api
			.post(this.kam, "/api/v1/opportunities/" + second + "/stage",
					json("stage", "ORDER", "version", this.api.version(this.kam, "/api/v1/opportunities/" + second)))
			.expect(200);
		tallyAgrees("after a stage move and a move to where it stands");
		this.api
			.post(this.other, "/api/v1/opportunities/" + third + "/win",
					json("amount", "77.77", "closeDate", "2026-06-02", "version",
							this.api.version(this.other, "/api/v1/opportunities/" + third)))
			.expect(200);
		tallyAgrees("after a win at another amount, closed in another month than expected");
		this.api
			.post(this.kam, "/api/v1/opportunities/" + second + "/lose",
					json("reason", "Price", "competitor", "Rival", "version",
							this.api.version(this.kam, "/api/v1/opportunities/" + second)))
			.expect(200);
		tallyAgrees("after a loss");

		int stale = this.api.get(this.kam, "/api/v1/opportunities/" + guest).expect(200).version() - 1;
		this.api
			.put(Api.ADMIN, "/api/v1/opportunities/" + guest,
					json("name", deal, "amount", "1", "owner", this.kam, "purchaseType", "MODIFIED_REBUY", "version",
							stale))
			.expect(409);
		this.api
			.post(this.kam, "/api/v1/opportunities/" + first + "/win",
					json("version", this.api.version(this.kam, "/api/v1/opportunities/" + first)))
			.expect(400);
		tallyAgrees("after refused writes");

		ImportJobView imported = this.imports.runNow(admin(),
				new ImportRequest(ImportType.OPPORTUNITIES, "t.csv", false, null, Fixtures.unique("tally"), null),
				new ByteArrayInputStream(("reference,name,owner,account,stage,amount,closeDate\n" + "T1," + deal
						+ " one," + this.kam + "," + name(this.survivor) + ",Supplier search,1500.25,\n" + "T2," + deal
						+ " two," + this.other + "," + name(this.othersAccount) + ",Won,300.03,2026-01-05\n" + "T3,"
						+ deal + " three," + this.kam + ",,Problem recognition,,\n" + "T4," + deal + " four," + this.kam
						+ "," + name(this.survivor) + ",Supplier search,0.01,\n")
					.getBytes(StandardCharsets.UTF_8)),
				"TEST", false);
		assertThat(imported.status()).as(imported.toString()).isEqualTo(ImportStatus.COMMITTED);
		tallyAgrees("after an import");

		int version = this.api.get(this.kam, "/api/v1/accounts/" + this.absorbed).expect(200).version();
		this.api
			.post(this.kam, "/api/v1/accounts/" + this.absorbed + "/merge",
					json("into", this.survivor, "version", version))
			.expect(200);
		tallyAgrees("after a merge");
		totalsAgreeForEveryReader(true);
	}

	@Test
	void theWeightedTotalsFollowAChangedProbability() {
		people();
		open(this.kam, this.survivor, "333.33", "PRODUCT_SPECIFICATION", "NEW_TASK", "2026-04-30");
		open(Api.ADMIN, this.other, this.survivor, "0.07", "PRODUCT_SPECIFICATION", null, "2026-03-31");
		Map<String, Integer> before = new HashMap<>();
		this.api.get(Api.ADMIN, "/api/v1/stage-probabilities")
			.expect(200)
			.body()
			.properties()
			.forEach((entry) -> before.put(entry.getKey(), entry.getValue().asInt()));
		try {
			this.api.put(Api.ADMIN, "/api/v1/stage-probabilities", json("PRODUCT_SPECIFICATION", 33)).expect(200);
			totalsAgreeForEveryReader(false);
		}
		finally {
			this.api
				.put(Api.ADMIN, "/api/v1/stage-probabilities",
						json("PRODUCT_SPECIFICATION", before.get("PRODUCT_SPECIFICATION")))
				.expect(200);
		}
	}

	private void people() {
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		this.kam = this.given.kam(team, this.manager);
		this.other = this.given.kam();
		this.survivor = this.given.accountOwnedBy(this.kam, Fixtures.unique("Tally Survivor")).id();
		this.absorbed = this.given.accountOwnedBy(this.kam, Fixtures.unique("Tally Absorbed")).id();
		this.othersAccount = this.given.accountOwnedBy(this.other, Fixtures.unique("Tally Other")).id();
		// The other KAM's account is shared with the KAM through its account team.
		this.jdbc.sql("insert into account_team_member (account_id, user_id) values (:a, :u)")
			.param("a", this.othersAccount)
			.param("u", id(this.kam))
			.update();
	}

	private long open(String owner, long account, String amount, String stage, String purchaseType, String closes) {
		return open(owner, owner, account, amount, stage, purchaseType, closes);
	}

	private long open(String creator, String owner, long account, String amount, String stage, String purchaseType,
			String closes) {
		return this.api
			.post(creator, "/api/v1/opportunities",
					json("accountId", account, "name", Fixtures.unique("Deal"), "amount",
							(amount != null) ? new BigDecimal(amount) : null, "owner", owner, "stage", stage,
							"purchaseType", purchaseType, "expectedCloseDate", closes))
			.expect(201)
			.id();
	}

	private void edit(String editor, long id, String amount, String owner, String purchaseType, String closes) {
		JsonNode now = this.api.get(editor, "/api/v1/opportunities/" + id).expect(200).body();
		this.api
			.put(editor, "/api/v1/opportunities/" + id,
					json("name", now.get("name").asString(), "amount", (amount != null) ? new BigDecimal(amount) : null,
							"owner", owner, "purchaseType", purchaseType, "expectedCloseDate", closes, "version",
							now.get("version").asInt()))
			.expect(200);
	}

	private String name(long account) {
		return this.api.get(Api.ADMIN, "/api/v1/accounts/" + account).expect(200).text("name");
	}

	/**
	 * The tallies hold what adding up every opportunity gives, no more: per owner and
	 * stage, per purchase type, owner and stage for those with a type, and both per month
	 * of the close date (else the expected one) for those with either.
	 */
	private void tallyAgrees(String when) {
		Map<String, String> expected = new TreeMap<>();
		Map<String, String> expectedByType = new TreeMap<>();
		Map<String, String> expectedByMonth = new TreeMap<>();
		Map<String, String> expectedByTypeAndMonth = new TreeMap<>();
		this.jdbc.sql("select owner_id, stage, purchase_type, amount, close_date, expected_close_date from opportunity")
			.query((rs, n) -> {
				String key = rs.getLong(1) + "/" + rs.getString(2);
				String one = "1 · " + plain(rs.getBigDecimal(4));
				LocalDate closes = (rs.getObject(5) != null) ? rs.getObject(5, LocalDate.class)
						: rs.getObject(6, LocalDate.class);
				String month = (closes != null) ? closes.getYear() + "-" + closes.getMonthValue() : null;
				expected.merge(key, one, OpportunityTallyTests::plus);
				if (rs.getString(3) != null) {
					expectedByType.merge(rs.getString(3) + "/" + key, one, OpportunityTallyTests::plus);
				}
				if (month != null) {
					expectedByMonth.merge(month + "/" + key, one, OpportunityTallyTests::plus);
				}
				if (month != null && rs.getString(3) != null) {
					expectedByTypeAndMonth.merge(rs.getString(3) + "/" + month + "/" + key, one,
							OpportunityTallyTests::plus);
				}
				return key;
			})
			.list();
		assertThat(tally("select owner_id || '/' || stage, opportunities, amount from opportunity_tally")).as(when)
			.isEqualTo(expected);
		assertThat(tally("select purchase_type || '/' || owner_id || '/' || stage, opportunities, amount"
				+ " from opportunity_type_tally"))
			.as(when + ", by purchase type")
			.isEqualTo(expectedByType);
		assertThat(tally("select extract(year from close_month) || '-' || extract(month from close_month) || '/'"
				+ " || owner_id || '/' || stage, opportunities, amount from opportunity_month_tally"))
			.as(when + ", by close month")
			.isEqualTo(expectedByMonth);
		assertThat(tally("select purchase_type || '/' || extract(year from close_month) || '-'"
				+ " || extract(month from close_month) || '/' || owner_id || '/' || stage, opportunities, amount"
				+ " from opportunity_month_type_tally"))
			.as(when + ", by purchase type and close month")
			.isEqualTo(expectedByTypeAndMonth);
		assertThat(
				this.jdbc.sql("select count(*) from opportunity_month_tally where extract(day from close_month) <> 1")
					.query(Long.class)
					.single())
			.as(when + ": a month is its first day")
			.isZero();
	}

	/** A tally's rows that count something, as "count · amount" by their key. */
	private Map<String, String> tally(String sql) {
		Map<String, String> tallied = new TreeMap<>();
		this.jdbc.sql(sql)
			.query((rs, n) -> (rs.getLong(2) == 0 && rs.getBigDecimal(3).signum() == 0) ? null
					: tallied.put(rs.getString(1), rs.getLong(2) + " · " + plain(rs.getBigDecimal(3))))
			.list();
		return tallied;
	}

	/** Two "count · amount" figures added up. */
	private static String plus(String a, String b) {
		String[] x = a.split(" · ");
		String[] y = b.split(" · ");
		return (Long.parseLong(x[0]) + Long.parseLong(y[0])) + " · "
				+ plain(new BigDecimal(x[1]).add(new BigDecimal(y[1])));
	}

	private static String plain(BigDecimal amount) {
		return (amount != null) ? amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString() : "0.00";
	}

	/**
	 * Board, column and list totals from the API, unfiltered and by owner, against the
	 * visible opportunities added up here; and the tally's answer against the one the
	 * database counts when a condition rules the tally out. A director stands for every
	 * reader who sees everything (an administrator's scope is the same).
	 * @param everyFilter each owner, purchase type and close period of {@link #PERIODS};
	 * else the unfiltered totals and one period with partial months at both ends (about a
	 * tenth of the requests): what a changed probability moves, and a first look before
	 * the writes
	 */
	private void totalsAgreeForEveryReader(boolean everyFilter) {
		List<Row> rows = this.jdbc.sql("""
				select o.owner_id, a.owner_id, o.account_id, o.stage, o.amount, o.purchase_type,
				       coalesce(o.close_date, o.expected_close_date)
				from opportunity o left join account a on a.id = o.account_id""")
			.query((rs, n) -> new Row(rs.getLong(1), rs.getObject(2, Long.class), rs.getObject(3, Long.class),
					Stage.valueOf(rs.getString(4)), rs.getBigDecimal(5), rs.getString(6),
					rs.getObject(7, LocalDate.class)))
			.list();
		Map<Long, Set<Long>> shared = new HashMap<>();
		this.jdbc.sql("select user_id, account_id from account_team_member")
			.query((rs, n) -> shared.computeIfAbsent(rs.getLong(1), (user) -> new HashSet<>()).add(rs.getLong(2)))
			.list();
		Map<Stage, Integer> probabilities = new EnumMap<>(Stage.class);
		this.api.get(Api.ADMIN, "/api/v1/stage-probabilities")
			.expect(200)
			.body()
			.properties()
			.forEach((entry) -> probabilities.put(Stage.valueOf(entry.getKey()), entry.getValue().asInt()));
		String director = this.given.director();
		Set<Long> team = Set.of(id(this.manager), id(this.kam));
		List<Reader> readers = List.of(new Reader(director, null), new Reader(this.manager, team),
				new Reader(this.kam, Set.of(id(this.kam))), new Reader(this.other, Set.of(id(this.other))));
		for (Reader reader : readers) {
			long me = id(reader.user());
			List<Row> visible = rows.stream()
				.filter((row) -> reader.owners() == null || reader.owners().contains(row.owner())
						|| (row.account() != null
								&& ((row.accountOwner() != null && reader.owners().contains(row.accountOwner()))
										|| shared.getOrDefault(me, Set.of()).contains(row.account()))))
				.toList();
			List<Long> owners = new ArrayList<>();
			owners.add(null);
			List<PurchaseType> types = new ArrayList<>();
			types.add(null);
			if (everyFilter) {
				owners.addAll(List.of(id(this.kam), id(this.other), id(this.manager)));
				types.addAll(List.of(PurchaseType.values()));
			}
			for (Long owner : owners) {
				for (PurchaseType type : types) {
					totalsAgree(reader, visible, owner, type, null, probabilities);
				}
			}
			for (Period period : everyFilter ? PERIODS : List.of(Period.PARTIAL_ENDS)) {
				forecastAgrees(reader, rows, period, probabilities);
				totalsAgree(reader, visible, null, null, period, probabilities);
				if (reader.owners() == null) {
					totalsAgree(reader, visible, id(this.kam), PurchaseType.NEW_TASK, period, probabilities);
				}
			}
		}
	}

	/**
	 * The totals a reader sees by an owner, a purchase type and a close period (each null
	 * for every one) against the visible opportunities added up here.
	 */
	private void totalsAgree(Reader reader, List<Row> visible, Long owner, PurchaseType type, Period period,
			Map<Stage, Integer> probabilities) {
		List<Row> seen = visible.stream()
			.filter((row) -> owner == null || row.owner() == owner)
			.filter((row) -> type == null || type.name().equals(row.purchaseType()))
			.filter((row) -> period == null || period.holds(row.closes()))
			.toList();
		String as = reader.user() + " by owner " + owner + " of type " + type + " closing " + period;
		String filters = ((owner != null) ? "ownerId=" + owner + "&" : "")
				+ ((type != null) ? "purchaseType=" + type + "&" : "");
		String boardFilters = filters + ((period != null) ? period.parameters("from", "to") : "");
		JsonNode board = this.api.get(reader.user(), "/api/v1/pipeline/board?" + boardFilters + "size=1")
			.expect(200)
			.body();
		for (Stage stage : Stage.open()) {
			List<Row> inStage = seen.stream().filter((row) -> row.stage() == stage).toList();
			BigDecimal amount = sum(inStage);
			BigDecimal weighted = amount.multiply(BigDecimal.valueOf(probabilities.get(stage)))
				.movePointLeft(2)
				.setScale(2, RoundingMode.HALF_UP);
			JsonNode column = null;
			for (JsonNode candidate : board.get("columns")) {
				if (candidate.get("stage").asString().equals(stage.name())) {
					column = candidate;
				}
			}
			assertThat(column.get("count").asLong()).as(as + " " + stage).isEqualTo(inStage.size());
			assertThat(column.get("amount").decimalValue()).as(as + " " + stage).isEqualByComparingTo(amount);
			assertThat(column.get("weighted").decimalValue()).as(as + " " + stage).isEqualByComparingTo(weighted);
			// A column alone unfiltered and by one owner: the owner's tally with a
			// stage, which the board's totals do not read.
			if (type != null || period != null || (owner != null && owner != id(this.kam))) {
				continue;
			}
			JsonNode alone = this.api
				.get(reader.user(), "/api/v1/pipeline/board/" + stage + "?" + boardFilters + "size=1")
				.expect(200)
				.body();
			assertThat(alone.get("count").asLong()).as(as + " column " + stage).isEqualTo(inStage.size());
			assertThat(alone.get("weighted").decimalValue()).as(as + " column " + stage).isEqualByComparingTo(weighted);
		}
		String listFilters = filters + ((period != null) ? period.parameters("closeFrom", "closeTo") : "");
		assertThat(this.api.get(reader.user(), "/api/v1/opportunities?" + listFilters + "size=1")
			.expect(200)
			.body()
			.get("totalElements")
			.asLong()).as(as + " list").isEqualTo(seen.size());

		RecordScope scope = this.users.findByUsername(reader.user())
			.map((user) -> (user.role() == Role.DIRECTOR || user.role() == Role.ADMIN)
					? RecordScope.everything(user.id()) : new RecordScope(user.id(), false, reader.owners()))
			.orElseThrow();
		Set<Long> filter = (owner != null) ? Set.of(owner) : null;
		LocalDate from = (period != null) ? period.from() : null;
		LocalDate to = (period != null) ? period.to() : null;
		for (boolean openOnly : List.of(true, false)) {
			OpportunityQuery tallied = new OpportunityQuery(null, filter, type, from, to, null, openOnly, null, null);
			// A condition that holds for every opportunity, but not one the tally
			// knows.
			OpportunityQuery counted = new OpportunityQuery(null, filter, type, from, to, null, openOnly, null,
					new AccountScopeSql("1 = 1", Map.of()));
			assertThat(tallied.tallied()).isEqualTo(period == null);
			assertThat(tallied.talliedByMonth()).isTrue();
			assertThat(counted.talliedByMonth()).isFalse();
			assertThat(this.listTotals.totalsByStage(scope, tallied)).as(as + " open only " + openOnly)
				.isEqualTo(this.listTotals.totalsByStage(scope, counted));
		}
	}

	/**
	 * The forecast over a close period per salesperson — won, commit (won and open deals
	 * from a stage of 60 % on), best case (won and open) and weighted (all but lost, at
	 * their stage's probability) — against the deals of the reader's salespeople added up
	 * here (a director's: everyone's).
	 */
	private void forecastAgrees(Reader reader, List<Row> rows, Period period, Map<Stage, Integer> probabilities) {
		if (period.from() == null || period.to() == null) {
			return;
		}
		Map<Long, BigDecimal[]> expected = new HashMap<>();
		for (Row row : rows) {
			if ((reader.owners() != null && !reader.owners().contains(row.owner())) || !period.holds(row.closes())) {
				continue;
			}
			BigDecimal amount = (row.amount() != null) ? row.amount() : BigDecimal.ZERO;
			BigDecimal[] sum = expected.computeIfAbsent(row.owner(),
					(owner) -> new BigDecimal[] { BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO });
			int probability = probabilities.get(row.stage());
			if (row.stage() == Stage.WON) {
				sum[0] = sum[0].add(amount);
				sum[1] = sum[1].add(amount);
				sum[2] = sum[2].add(amount);
			}
			else if (row.stage() != Stage.LOST) {
				sum[1] = sum[1].add((probability >= 60) ? amount : BigDecimal.ZERO);
				sum[2] = sum[2].add(amount);
			}
			if (row.stage() != Stage.LOST) {
				sum[3] = sum[3].add(amount.multiply(BigDecimal.valueOf(probability)));
			}
		}
		JsonNode report = this.api
			.get(reader.user(), "/api/v1/forecast?" + period.parameters("from", "to").replaceAll("&$", ""))
			.expect(200)
			.body();
		Map<Long, String> actual = new TreeMap<>();
		for (JsonNode line : report.get("salespeople")) {
			String figures = line.get("won").decimalValue().stripTrailingZeros().toPlainString() + " / "
					+ line.get("commit").decimalValue().stripTrailingZeros().toPlainString() + " / "
					+ line.get("bestCase").decimalValue().stripTrailingZeros().toPlainString() + " / "
					+ line.get("weighted").decimalValue().stripTrailingZeros().toPlainString();
			if (!figures.equals("0 / 0 / 0 / 0") || expected.containsKey(line.get("salespersonId").asLong())) {
				actual.put(line.get("salespersonId").asLong(), figures);
			}
		}
		Map<Long, String> wanted = new TreeMap<>();
		expected.forEach((owner, sum) -> wanted.put(owner, sum[0].stripTrailingZeros().toPlainString() + " / "
				+ sum[1].stripTrailingZeros().toPlainString() + " / " + sum[2].stripTrailingZeros().toPlainString()
				+ " / "
				+ sum[3].movePointLeft(2).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()));
		assertThat(actual).as(reader.user() + " forecast closing " + period).isEqualTo(wanted);
	}

	private static BigDecimal sum(List<Row> rows) {
		return rows.stream()
			.map(Row::amount)
			.filter(java.util.Objects::nonNull)
			.reduce(BigDecimal.ZERO, BigDecimal::add)
			.setScale(2, RoundingMode.UNNECESSARY);
	}

	private long id(String username) {
		return this.users.findByUsername(username).orElseThrow().id();
	}

	private CurrentUser admin() {
		UserSummary admin = this.users.findByUsername(Api.ADMIN).orElseThrow();
		return new CurrentUser(admin.id(), Api.ADMIN, admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

	private record Row(long owner, Long accountOwner, Long account, Stage stage, BigDecimal amount, String purchaseType,
			LocalDate closes) {
	}

	/**
	 * Close periods around the deals' dates (decision 0083): whole months; months less
	 * days at both ends, one of the deals on those days; months plus days at both ends;
	 * most of one month; a few days of one; open at either end.
	 */
	private static final List<Period> PERIODS = List.of(period("2026-03-01", "2026-05-31"),
			period("2026-03-10", "2026-05-30"), period("2026-03-16", "2026-04-20"), Period.PARTIAL_ENDS,
			period("2026-04-02", "2026-04-30"), period("2026-04-10", "2026-04-20"), period("2026-04-01", null),
			period(null, "2026-04-15"), period("2026-01-01", "2026-12-31"));

	private static Period period(String from, String to) {
		return new Period((from != null) ? LocalDate.parse(from) : null, (to != null) ? LocalDate.parse(to) : null);
	}

	/** A close period: each end null for none. */
	private record Period(LocalDate from, LocalDate to) {

		/** A whole month with days of the months on either side. */
		static final Period PARTIAL_ENDS = period("2026-03-25", "2026-05-05");

		boolean holds(LocalDate closes) {
			return closes != null && (this.from == null || !closes.isBefore(this.from))
					&& (this.to == null || !closes.isAfter(this.to));
		}

		String parameters(String fromName, String toName) {
			return ((this.from != null) ? fromName + "=" + this.from + "&" : "")
					+ ((this.to != null) ? toName + "=" + this.to + "&" : "");
		}

	}

	private record Reader(String user, Set<Long> owners) {
	}

}
