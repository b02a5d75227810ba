package io.dakehu.report;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.dataimport.ImportJobView;
import io.dakehu.dataimport.ImportJobs;
import io.dakehu.dataimport.ImportRequest;
import io.dakehu.dataimport.ImportStatus;
import io.dakehu.dataimport.ImportType;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The funnel table of the source texts (seeds/002: 曹昌 71 38 33 8 53226 …) rebuilt from
 * raw records entered through the API — users, accounts, target companies with their
 * intention, opportunities won and lost — and every cell of the report compared with the
 * table as printed there.
 */
abstract class FunnelSeedTableTests extends ApiTestSupport {

	/**
	 * Typed from seeds/002: salesperson, targets, medium/high, low, closed, sales,
	 * averages.
	 */
	private static final String SEED = """
			曹昌 71 38 33 8 53226 6653 1401 750
			赵双 49 39 10 6 31735 5289 814 648
			陈莹 156 66 90 20 168203 8410 2549 1078
			王兴云 65 28 37 4 77619 19405 2772 1194
			汇总 341 171 170 38 330782 8705 1934 970
			""";

	/** The two ratio lines of the same table, in the same column order. */
	private static final String CLOSED_TO_TARGETS = "11.27% 12.24% 12.82% 6.15% 11.14%";

	private static final String CLOSED_TO_MEDIUM_HIGH = "21.05% 15.38% 30.30% 14.29% 22.22%";

	/**
	 * The table prints whole yuan, and its total (330,782) is one less than the sum of
	 * its printed lines (330,783): the sales behind it had fen, rounded per line. These
	 * amounts round to every printed figure, lines and total; 曹昌's is the issue's exact
	 * 53,226.00.
	 */
	private static final Map<String, Long> SALES_IN_CENTS = Map.of("曹昌", 5_322_600L, "赵双", 3_173_450L, "陈莹",
			16_820_250L, "王兴云", 7_761_850L);

	private static final String FROM = "2031-01-01";

	private static final String TO = "2031-12-31";

	@Autowired
	private ImportJobs imports;

	private String manager;

	private final Map<String, String> usernames = new LinkedHashMap<>();

	/** The salesperson's companies not handed out yet. */
	private Iterator<Long> companies;

	@BeforeAll
	void enterTheRawRecords() {
		this.manager = this.given.manager();
		String team = this.given.team(this.manager);
		for (String[] seed : seedRows()) {
			if (seed[0].equals("汇总")) {
				continue;
			}
			String username = Fixtures.unique("sales");
			this.api
				.post(Api.ADMIN, "/api/v1/users",
						json("username", username, "displayName", seed[0], "email", username + "@example.com",
								"password", Api.USER_PASSWORD, "role", "KAM", "team", team, "manager", null))
				.expect(201);
			this.usernames.put(seed[0], username);
			enter(username, Integer.parseInt(seed[1]), Integer.parseInt(seed[2]), Integer.parseInt(seed[3]),
					Integer.parseInt(seed[4]), SALES_IN_CENTS.get(seed[0]));
		}
	}

	/**
	 * One salesperson's records: all but one medium/high company and every low one as
	 * explicit targets; the closed companies are explicit medium/high targets with won
	 * deals, except one where a deal was won without the company ever being set as a
	 * target (it must count as a high-intention target). One closed company has two won
	 * deals; some deals that must not count are added: lost, still open, won before the
	 * period, and a target from last year.
	 */
	private void enter(String salesperson, int targets, int mediumHigh, int low, int closed, long salesInCents) {
		// The targets' companies, the untargeted one and last year's target's.
		importCompanies(salesperson, targets + 1);
		// The period's targets set in one request before any deal, as a manager sets a
		// list of them (the bulk form and API).
		List<Map<String, Object>> periodTargets = new ArrayList<>();
		List<Long> mediumHighAccounts = new ArrayList<>();
		for (int i = 0; i < mediumHigh - 1; i++) {
			long account = company();
			periodTargets.add(target(salesperson, account, (i % 2 == 0) ? "HIGH" : "MEDIUM", FROM, TO));
			mediumHighAccounts.add(account);
		}
		List<Long> lowAccounts = new ArrayList<>();
		for (int i = 0; i < low; i++) {
			long account = company();
			periodTargets.add(target(salesperson, account, "LOW", FROM, TO));
			lowAccounts.add(account);
		}
		assertThat(mediumHighAccounts.size() + lowAccounts.size() + 1).isEqualTo(targets);
		setTargets(periodTargets);
		long share = salesInCents / closed;
		long remainder = salesInCents - share * (closed - 1);
		for (int i = 0; i < closed - 1; i++) {
			long account = mediumHighAccounts.get(i);
			if (i == 0) {
				// Two won deals on one company: still one closed company, both amounts
				// count.
				long first = share / 3;
				win(salesperson, account, first, "2031-02-10");
				win(salesperson, account, share - first, "2031-09-30");
			}
			else {
				win(salesperson, account, share, "2031-0" + (1 + i % 9) + "-15");
			}
		}
		long untargeted = company();
		win(salesperson, untargeted, remainder, "2031-12-31");
		// None of these may change a cell.
		lose(salesperson, lowAccounts.get(0));
		opportunity(salesperson, mediumHighAccounts.get(mediumHigh - 2), 5000);
		win(salesperson, lowAccounts.get(1), 99_900, "2030-12-31");
		setTargets(List.of(target(salesperson, company(), "HIGH", "2030-01-01", "2030-12-31")));
	}

	private void setTargets(List<Map<String, Object>> targets) {
		assertThat(this.api.post(this.manager, "/api/v1/targets/bulk", targets).expect(200).items())
			.hasSize(targets.size());
	}

	private long company() {
		return this.companies.next();
	}

	/**
	 * The companies are the setting, not the subject: one account import per salesperson
	 * rather than hundreds of single creations.
	 */
	private void importCompanies(String salesperson, int count) {
		String prefix = Fixtures.unique("Funnel company");
		StringBuilder csv = new StringBuilder("account,owner\n");
		for (int i = 0; i < count; i++) {
			csv.append(prefix).append(' ').append("%04d".formatted(i)).append(',').append(salesperson).append('\n');
		}
		ImportJobView job = this.imports.runNow(admin(),
				new ImportRequest(ImportType.ACCOUNTS, "companies.csv", false, null, Fixtures.unique("funnel"), null),
				new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "TEST", false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
		List<Long> ids = this.jdbc.sql("select id from account where name like :prefix order by name")
			.param("prefix", prefix + " %")
			.query(Long.class)
			.list();
		assertThat(ids).hasSize(count);
		this.companies = ids.iterator();
	}

	private CurrentUser admin() {
		long id = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", Api.ADMIN)
			.query(Long.class)
			.single();
		return new CurrentUser(id, Api.ADMIN, Api.ADMIN, Role.ADMIN, RecordScope.everything(id));
	}

	private static Map<String, Object> target(String salesperson, long account, String intention, String from,
			String to) {
		return json("salesperson", salesperson, "accountId", account, "intention", intention, "from", from, "to", to);
	}

	/** A new open deal, as its answer (id and version) tells it. */
	private Response opportunity(String salesperson, long account, long amount) {
		return this.api
			.post(salesperson, "/api/v1/opportunities",
					json("accountId", account, "name", "Deal " + Fixtures.unique("d"), "amount", amount, "owner",
							salesperson, "expectedCloseDate", "2031-06-30"))
			.expect(201);
	}

	/**
	 * Each step sends the version the step before answered with, as the deal's page does,
	 * rather than reading the deal again.
	 */
	private void win(String salesperson, long account, long cents, String closeDate) {
		BigDecimal amount = BigDecimal.valueOf(cents, 2);
		Response opened = opportunity(salesperson, account, cents / 100 + 1000);
		Response moved = this.api
			.post(salesperson, "/api/v1/opportunities/" + opened.id() + "/stage",
					json("stage", "SUPPLIER_SELECTION", "version", opened.version()))
			.expect(200);
		this.api
			.post(salesperson, "/api/v1/opportunities/" + opened.id() + "/win",
					json("amount", amount, "closeDate", closeDate, "version", moved.version()))
			.expect(200);
	}

	private void lose(String salesperson, long account) {
		Response opened = opportunity(salesperson, account, 7000);
		this.api
			.post(salesperson, "/api/v1/opportunities/" + opened.id() + "/lose", json("reason", "Price", "competitor",
					"Rival Co", "closeDate", "2031-05-05", "version", opened.version()))
			.expect(200);
	}

	private static List<String[]> seedRows() {
		return SEED.lines().map((line) -> line.strip().split(" ")).toList();
	}

	@Test
	void reproducesEveryCellOfTheSeedTable() {
		JsonNode report = this.api.get(this.manager, "/api/v1/reports/funnel?from=" + FROM + "&to=" + TO)
			.expect(200)
			.body();
		Map<String, JsonNode> lines = new LinkedHashMap<>();
		report.get("rows").forEach((row) -> lines.put(row.get("salesperson").asString(), row));
		lines.put("汇总", report.get("total"));
		assertThat(report.get("rows")).hasSize(4);
		String[] toTargets = CLOSED_TO_TARGETS.split(" ");
		String[] toMediumHigh = CLOSED_TO_MEDIUM_HIGH.split(" ");
		List<String[]> seed = seedRows();
		for (int i = 0; i < seed.size(); i++) {
			String[] expected = seed.get(i);
			JsonNode line = lines.get(expected[0]);
			assertThat(line).as(expected[0]).isNotNull();
			List<String> cells = List.of(line.get("targets").asString(), line.get("mediumHighIntention").asString(),
					line.get("lowIntention").asString(), line.get("closed").asString(), whole(line.get("sales")),
					whole(line.get("avgPerClosed")), whole(line.get("avgPerMediumHigh")),
					whole(line.get("avgPerTarget")), percent(line.get("closedToTargets")),
					percent(line.get("closedToMediumHigh")));
			List<String> printed = new ArrayList<>(List.of(expected).subList(1, expected.length));
			printed.add(toTargets[i]);
			printed.add(toMediumHigh[i]);
			assertThat(cells).as(expected[0]).containsExactlyElementsOf(printed);
		}
	}

	@Test
	void answersWithTheIssuesJsonShapeAndRounding() {
		Api.Response response = this.api.get(this.manager, "/api/v1/reports/funnel?from=" + FROM + "&to=" + TO)
			.expect(200);
		JsonNode report = response.body();
		String text = response.text();
		JsonNode cao = null;
		for (JsonNode row : report.get("rows")) {
			if (row.get("salesperson").asString().equals("曹昌")) {
				cao = row;
			}
		}
		assertThat(cao).isNotNull();
		assertThat(cao.get("targets").asLong()).isEqualTo(71);
		assertThat(cao.get("mediumHighIntention").asLong()).isEqualTo(38);
		assertThat(cao.get("lowIntention").asLong()).isEqualTo(33);
		assertThat(cao.get("closed").asLong()).isEqualTo(8);
		// As written on the wire, so the scale (2 for amounts, 4 for ratios) is checked
		// too.
		assertThat(text).contains("\"salesperson\":\"曹昌\",\"targets\":71,\"mediumHighIntention\":38,"
				+ "\"lowIntention\":33,\"closed\":8,\"sales\":53226.00,\"avgPerClosed\":6653.25,"
				+ "\"avgPerMediumHigh\":1400.68,\"avgPerTarget\":749.66,\"closedToTargets\":0.1127,"
				+ "\"closedToMediumHigh\":0.2105}");
		assertThat(text).contains("\"sales\":330781.50");
		assertThat(report.get("total").get("salesperson").isNull()).isTrue();
	}

	@Test
	void exportsTheSameTableAsCsv() {
		String csv = this.api.get(this.manager, "/api/v1/reports/funnel.csv?from=" + FROM + "&to=" + TO)
			.expect(200)
			.text();
		List<String> lines = csv.replace("\uFEFF", "").lines().toList();
		assertThat(lines).hasSize(6);
		String[] toTargets = CLOSED_TO_TARGETS.split(" ");
		String[] toMediumHigh = CLOSED_TO_MEDIUM_HIGH.split(" ");
		List<String[]> seed = seedRows();
		for (int i = 0; i < seed.size(); i++) {
			String[] expected = seed.get(i);
			String name = expected[0].equals("汇总") ? "Total" : expected[0];
			String printed = name + "," + String.join(",", List.of(expected).subList(1, expected.length)) + ","
					+ toTargets[i] + "," + toMediumHigh[i];
			assertThat(lines).as(expected[0]).contains(printed);
		}
		assertThat(lines.get(lines.size() - 1)).startsWith("Total,341,");
	}

	@Test
	void eachSalespersonSeesOnlyTheirOwnLine() {
		String cao = this.usernames.get("曹昌");
		JsonNode report = this.api.get(cao, "/api/v1/reports/funnel?from=" + FROM + "&to=" + TO).expect(200).body();
		assertThat(report.get("rows")).hasSize(1);
		assertThat(report.get("rows").get(0).get("salesperson").asString()).isEqualTo("曹昌");
		assertThat(report.get("total").get("targets").asLong()).isEqualTo(71);
	}

	@Test
	void averagesAreNullWhereTheDivisorIsZero() {
		JsonNode report = this.api.get(this.manager, "/api/v1/reports/funnel?from=2040-01-01&to=2040-12-31")
			.expect(200)
			.body();
		assertThat(report.get("rows")).isEmpty();
		assertThat(report.get("total").get("avgPerClosed").isNull()).isTrue();
		assertThat(report.get("total").get("closedToTargets").isNull()).isTrue();
		this.api.get(this.manager, "/api/v1/reports/funnel?from=2031-12-31&to=2031-01-01").expect(400);
	}

	private static String whole(JsonNode amount) {
		return amount.decimalValue().setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
	}

	private static String percent(JsonNode ratio) {
		return ratio.decimalValue().movePointRight(2).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
	}

}
