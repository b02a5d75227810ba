package io.dakehu.dataimport;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.DakehuApplication;
import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountQueries;
import io.dakehu.catalog.Catalog;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.OpportunityCriteria;
import io.dakehu.opportunity.Stage;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public sample data set, loaded at start-up through the importer, arrives whole: the
 * expected figures are computed here from the CSV files with plain Java, not taken from
 * the importer.
 */
@DemoDataIntegrationTest
class DemoDataImportTest {

	@Autowired
	Users users;

	@Autowired
	Catalog catalog;

	@Autowired
	AccountQueries accounts;

	@Autowired
	Opportunities opportunities;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Exports exports;

	@Test
	void loadsEverySalespersonWithTheirManagersAndTeams() throws IOException {
		List<String[]> teams = csv("sales_teams.csv");
		List<UserSummary> all = this.users.all();
		assertThat(all.stream().filter((u) -> u.role() == Role.KAM)).hasSize(teams.size()).hasSize(35);
		assertThat(all.stream().filter((u) -> u.role() == Role.MANAGER)).hasSize(6);
		assertThat(this.users.teams()).hasSize(3);
		UserSummary moses = this.users.findByUsername("moses.frase").orElseThrow();
		String[] mosesRow = teams.stream().filter((r) -> r[0].equals("Moses Frase")).findFirst().orElseThrow();
		assertThat(moses.teamName()).isEqualTo(mosesRow[2]);
		assertThat(this.users.get(this.users.findByUsername(moses.managerUsername()).orElseThrow().id()).displayName())
			.isEqualTo(mosesRow[1]);
	}

	@Test
	void loadsProductsAndAccountsWithTheirHierarchy() throws IOException {
		assertThat(this.catalog.count()).isEqualTo(csv("products.csv").size()).isEqualTo(7);
		List<String[]> accountRows = new ArrayList<>(csv("accounts.csv"));
		assertThat(accountRows).hasSize(85);
		accountRows.addAll(csv("story/accounts.csv"));
		RecordScope everything = RecordScope.everything(0);
		assertThat(this.accounts.search(everything, AccountCriteria.all(), new PageRequest(0, 1)).totalElements())
			.isEqualTo(accountRows.size())
			.isEqualTo(95);
		Map<String, String> parents = new HashMap<>();
		for (String[] row : accountRows) {
			parents.put(row[0], (row.length > 6 && !row[6].isEmpty()) ? row[6] : null);
		}
		int checked = 0;
		for (var row : this.accounts.search(everything, AccountCriteria.all(), new PageRequest(0, 200)).content()) {
			assertThat(this.accounts.details(everything, row.id()).parentName()).as(row.name())
				.isEqualTo(parents.get(row.name()));
			checked++;
		}
		assertThat(checked).isEqualTo(95);
		assertThat(parents.values().stream().filter((p) -> p != null)).isNotEmpty();
	}

	@Test
	void loadsEveryOpportunityAndTurnsEachWonOneIntoAnOrderLine() throws IOException {
		List<String[]> pipeline = csv("sales_pipeline.csv");
		Map<String, String> openStages = new HashMap<>();
		BigDecimal openTotal = BigDecimal.ZERO;
		for (String[] row : csv("story/open_deals.csv")) {
			openStages.put(row[0], row[1]);
			openTotal = openTotal.add(new BigDecimal(row[2]));
		}
		Map<String, Long> perStage = new HashMap<>();
		BigDecimal wonTotal = BigDecimal.ZERO;
		for (String[] row : pipeline) {
			perStage.merge(openStages.getOrDefault(row[0], Stage.parse(row[4]).name()), 1L, Long::sum);
			if (row[4].equals("Won")) {
				wonTotal = wonTotal.add(new BigDecimal(row[7]));
			}
		}
		List<String[]> purchases = csv("story/purchases.csv");
		BigDecimal purchased = purchases.stream()
			.map((row) -> new BigDecimal(row[5]))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(openStages).hasSize(2089);
		RecordScope everything = RecordScope.everything(0);
		assertThat(pipeline).hasSize(8800);
		assertThat(count(everything, OpportunityCriteria.all())).isEqualTo(8800);
		for (Stage stage : Stage.values()) {
			assertThat(count(everything, new OpportunityCriteria(null, stage, null))).as(stage.name())
				.isEqualTo(perStage.getOrDefault(stage.name(), 0L));
		}
		assertThat(this.jdbc.sql("select count(*) from order_line").query(Long.class).single())
			.isEqualTo(perStage.get("WON") + purchases.size());
		assertThat(this.jdbc.sql("select sum(amount) from order_line").query(BigDecimal.class).single())
			.isEqualByComparingTo(wonTotal.add(purchased));
		// Every open deal has its amount: the pipeline is not "0 · weighted 0".
		assertThat(this.jdbc.sql("select sum(amount) from opportunity where stage not in ('WON', 'LOST')")
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo(openTotal);
		assertThat(this.jdbc.sql("select sum(amount) from opportunity where stage = 'WON'")
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo(wonTotal);
	}

	@Test
	void anOpenDealIsExpectedToCloseAndHasNotClosed() throws IOException {
		long shift = DemoDataFiles.shift();
		Map<String, LocalDate> expected = new HashMap<>();
		for (String[] row : csv("story/open_deals.csv")) {
			expected.put(row[0], LocalDate.parse(row[3]).plusDays(shift));
		}
		Map<String, LocalDate> found = new HashMap<>();
		this.opportunities.forEach(RecordScope.everything(0), OpportunityCriteria.all(), (o) -> {
			if (!o.stage().closed()) {
				assertThat(o.closeDate()).as(o.externalRef()).isNull();
				found.put(o.externalRef(), o.expectedCloseDate());
			}
		});
		assertThat(found).isEqualTo(expected);
	}

	@Test
	void aSalespersonSeesTheirOwnOpportunities() throws IOException {
		// Their own deals, and everyone's deals on the accounts they own.
		Map<String, String> owners = DemoDataFiles.owners();
		long expected = csv("sales_pipeline.csv").stream()
			.filter((row) -> row[1].equals("Moses Frase") || "moses.frase".equals(owners.get(row[3])))
			.count();
		UserSummary moses = this.users.findByUsername("moses.frase").orElseThrow();
		RecordScope scope = new RecordScope(moses.id(), false, java.util.Set.of(moses.id()));
		assertThat(count(scope, OpportunityCriteria.all())).isEqualTo(expected).isPositive();
	}

	@Test
	void eachAccountBelongsToTheOwnerTheStoryNamesAndEverySellerOwnsAccountsTheySellTo() throws IOException {
		Map<String, String> owners = DemoDataFiles.owners();
		assertThat(owners.keySet()).containsExactlyInAnyOrderElementsOf(DemoDataFiles.accounts());
		Map<String, java.util.Set<String>> wonOn = new HashMap<>();
		for (String[] row : csv("sales_pipeline.csv")) {
			if (row[4].equals("Won")) {
				wonOn.computeIfAbsent(row[3], (k) -> new java.util.HashSet<>()).add(UserImporter.usernameFor(row[1]));
			}
		}
		Map<String, Long> owned = new HashMap<>();
		owners.forEach((account, owner) -> owned.merge(owner, 1L, Long::sum));
		// The owner of a public account won deals on it; everyone who won anything owns
		// at least two such accounts.
		owners.forEach((account, owner) -> {
			if (wonOn.containsKey(account)) {
				assertThat(wonOn.get(account)).as(account).contains(owner);
			}
		});
		wonOn.values().stream().flatMap(java.util.Set::stream).distinct().forEach((seller) -> {
			long sellsOn = owners.entrySet()
				.stream()
				.filter((e) -> e.getValue().equals(seller) && wonOn.containsKey(e.getKey()))
				.count();
			assertThat(sellsOn).as(seller).isGreaterThanOrEqualTo(2);
		});
		RecordScope everything = RecordScope.everything(0);
		for (var row : this.accounts.search(everything, AccountCriteria.all(), new PageRequest(0, 200)).content()) {
			assertThat(row.ownerUsername()).as(row.name()).isEqualTo(owners.get(row.name()));
		}
		for (String username : List.of("moses.frase", "dustin.brinkmann")) {
			UserSummary user = this.users.findByUsername(username).orElseThrow();
			java.util.Set<Long> scope = new java.util.HashSet<>();
			scope.add(user.id());
			// A manager's scope is their team.
			for (UserSummary member : this.users.all()) {
				if (username.equals(member.managerUsername())) {
					scope.add(member.id());
				}
			}
			long expected = owners.values()
				.stream()
				.filter((owner) -> owner.equals(username) || this.users.findByUsername(owner)
					.map((u) -> username.equals(u.managerUsername()))
					.orElse(false))
				.count();
			assertThat(expected).as(username).isGreaterThanOrEqualTo(3);
			assertThat(this.accounts
				.search(new RecordScope(user.id(), false, scope), AccountCriteria.all(), new PageRequest(0, 1))
				.totalElements()).as(username).isEqualTo(expected);
		}
	}

	@Test
	void exportsImportIntoAnEmptyDatabaseAsTheSameRecords() throws Exception {
		CurrentUser admin = admin(this.users);
		byte[] accountsCsv = export(this.exports, admin, Exports.Kind.ACCOUNTS, "csv");
		byte[] opportunitiesXlsx = export(this.exports, admin, Exports.Kind.OPPORTUNITIES, "xlsx");
		byte[] opportunitiesCsv = export(this.exports, admin, Exports.Kind.OPPORTUNITIES, "csv");
		byte[] ordersCsv = export(this.exports, admin, Exports.Kind.ORDERS, "csv");
		assertThat(new String(accountsCsv, StandardCharsets.UTF_8).lines()).hasSize(96);
		// The story's purchases come in as order lines; those of won deals with the
		// deals.
		StringBuilder storyOrders = new StringBuilder();
		text(ordersCsv).lines().forEach((line) -> {
			if (storyOrders.length() == 0 || !line.contains(OpportunityImporter.ORDER_REFERENCE_PREFIX)) {
				storyOrders.append(line).append('\n');
			}
		});
		StringBuilder products = new StringBuilder("product,series,sales_price,unit cost\n");
		Map<String, String> costs = new HashMap<>();
		csv("story/product_costs.csv").forEach((row) -> costs.put(row[0], row[1]));
		csv("products.csv").forEach(
				(row) -> products.append(String.join(",", row[0], row[1], row[2], costs.get(row[0]))).append('\n'));

		// Command-line arguments, because they outrank application.properties.
		try (ConfigurableApplicationContext empty = new SpringApplicationBuilder(DakehuApplication.class).run(
				"--spring.datasource.url=jdbc:h2:mem:roundtrip;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
				"--dakehu.demo-data.enabled=false", "--dakehu.admin.password=admin-password-1", "--server.port=0")) {
			ImportJobs imports = empty.getBean(ImportJobs.class);
			CurrentUser otherAdmin = admin(empty.getBean(Users.class));
			// People and products are not exported; they come from the same sources.
			load(imports, otherAdmin, ImportType.USERS, "sales_teams.csv",
					new ClassPathResource("demo/crm-sales-opportunities/sales_teams.csv").getContentAsByteArray());
			load(imports, otherAdmin, ImportType.PRODUCTS, "products.csv",
					products.toString().getBytes(StandardCharsets.UTF_8));
			load(imports, otherAdmin, ImportType.ACCOUNTS, "accounts.csv", accountsCsv);
			load(imports, otherAdmin, ImportType.OPPORTUNITIES, "opportunities.xlsx", opportunitiesXlsx);
			load(imports, otherAdmin, ImportType.ORDERS, "orders.csv",
					storyOrders.toString().getBytes(StandardCharsets.UTF_8));

			Exports again = empty.getBean(Exports.class);
			// The basic data comes back; the columns the importer does not read (type,
			// lifecycle, tier, ABC, last contact) are the receiving database's own.
			assertThat(basicData(export(again, otherAdmin, Exports.Kind.ACCOUNTS, "csv")))
				.isEqualTo(basicData(accountsCsv));
			assertThat(text(export(again, otherAdmin, Exports.Kind.OPPORTUNITIES, "csv")))
				.isEqualTo(text(opportunitiesCsv));
			assertThat(text(export(again, otherAdmin, Exports.Kind.ORDERS, "csv"))).isEqualTo(text(ordersCsv));
		}
	}

	private static void load(ImportJobs imports, CurrentUser admin, ImportType type, String name, byte[] content) {
		ImportJobView job = imports.runNow(admin,
				new ImportRequest(type, name, false, null, DemoData.SOURCE, "round-trip-password"),
				new ByteArrayInputStream(content), "TEST", false);
		assertThat(job.status()).as(job.toString()).isEqualTo(ImportStatus.COMMITTED);
	}

	private static byte[] export(Exports exports, CurrentUser admin, Exports.Kind kind, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		exports.export(admin, kind, format, java.util.Locale.ENGLISH, out);
		return out.toByteArray();
	}

	/** The accounts export's first ten columns, name to notes, line by line. */
	private static List<String> basicData(byte[] csv) {
		return text(csv).lines().map((line) -> {
			try (var parser = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(line))) {
				return String.join("|", parser.getRecords().get(0).toList().subList(0, 10));
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}).toList();
	}

	private static String text(byte[] csv) {
		return new String(csv, StandardCharsets.UTF_8);
	}

	private static CurrentUser admin(Users users) {
		UserSummary admin = users.findByUsername("admin").orElseThrow();
		return new CurrentUser(admin.id(), "admin", admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

	/**
	 * The file as plain lines split on commas (the sample files have no quoted cells),
	 * without the header.
	 */
	static List<String[]> csv(String file) throws IOException {
		List<String[]> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new ClassPathResource("demo/crm-sales-opportunities/" + file).getInputStream(),
						StandardCharsets.UTF_8))) {
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (!line.isBlank()) {
					rows.add(line.split(",", -1));
				}
			}
		}
		return rows;
	}

	/** The opportunities the scope sees under the criteria, as an export reads them. */
	private long count(RecordScope scope, OpportunityCriteria criteria) {
		java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
		this.opportunities.forEach(scope, criteria, (opportunity) -> seen.incrementAndGet());
		return seen.get();
	}

}
