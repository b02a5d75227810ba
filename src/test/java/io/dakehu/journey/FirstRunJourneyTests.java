package io.dakehu.journey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.dakehu.DakehuApplication;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.Fixtures;
import io.dakehu.support.Lanes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's first run: the application on the H2 file database exactly as the README's
 * run command configures it (the default {@code application.properties}, demo data and
 * all; only the folder differs), with every pooled connection retired once the migrations
 * and the demo load are done, as the pool does after its lifetime. Then every record type
 * that carries a check constraint is written, through the API and in a real browser: no
 * write may fail. H2 2.4.240 failed every one of them ("Check constraint invalid" once
 * the connection that created the constraint was closed), which a test on a short-lived
 * in-memory database never sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(Lanes.OWN_DATABASES)
class FirstRunJourneyTests {

	private static ConfigurableApplicationContext application;

	private static Path folder;

	private static Api api;

	private static Fixtures given;

	private static int port;

	@BeforeAll
	static void startAsTheReadmeDoesAndRetireEveryConnection() throws Exception {
		folder = Files.createTempDirectory("dakehu-first-run");
		String url = defaultProperties().getProperty("spring.datasource.url");
		assertThat(url).as("the run command's database").startsWith("jdbc:h2:file:./data/");
		application = new SpringApplicationBuilder(DakehuApplication.class).run("--server.port=0",
				"--spring.datasource.url=" + url.replace("./data/", folder.toAbsolutePath() + "/"),
				"--dakehu.imports.directory=" + folder.resolve("imports"),
				"--dakehu.admin.password=" + Api.ADMIN_PASSWORD,
				// The demo's people hashed at the tests' cost, not the product's (as
				// application-test.properties): a second of CPU each, not what this
				// checks.
				"--dakehu.security.password-hash-strength=4",
				// The shortest lifetime the pool accepts: connections retire during the
				// run too.
				"--spring.datasource.hikari.max-lifetime=30000");
		port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
		api = new Api(port);
		given = new Fixtures(api);
		awaitDemoData();
		retireEveryPooledConnection(application.getBean(HikariDataSource.class));
	}

	@AfterAll
	static void stop() throws IOException {
		if (application != null) {
			application.close();
		}
		if (folder != null) {
			try (var files = Files.walk(folder)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	private static Properties defaultProperties() throws IOException {
		Properties properties = new Properties();
		try (InputStream in = DakehuApplication.class.getResourceAsStream("/application.properties")) {
			properties.load(in);
		}
		return properties;
	}

	/**
	 * The demo load runs in the background after start; the test waits for its accounts.
	 */
	private static void awaitDemoData() throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		while (Instant.now().isBefore(deadline)) {
			Response accounts = api.get(Api.ADMIN, "/api/v1/accounts?size=1");
			if (accounts.status() == 200 && accounts.body().get("totalElements").asLong() > 0
					&& !api.get(Api.ADMIN, "/api/v1/segmentation/runs").expect(200).items().isEmpty()) {
				return;
			}
			Thread.sleep(500);
		}
		throw new AssertionError("The demo data did not load within three minutes");
	}

	/**
	 * Closes every connection the pool holds (the one Flyway migrated on among them) and
	 * waits until none of them is left, as happens to the first run after 30 minutes.
	 */
	private static void retireEveryPooledConnection(HikariDataSource dataSource) throws Exception {
		HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
		assertThat(pool.getTotalConnections()).as("connections opened during start-up").isPositive();
		pool.softEvictConnections();
		Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
		while (pool.getActiveConnections() > 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		// Connections that were busy are closed when handed back; evict once more for
		// them.
		pool.softEvictConnections();
		try (var connection = dataSource.getConnection()) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	private long openOpportunity(String kam, long account, String name) {
		return api
			.post(kam, "/api/v1/opportunities",
					json("accountId", account, "name", name, "amount", 12000, "expectedCloseDate", "2031-06-30",
							"purchaseType", "NEW_TASK"))
			.expect(201)
			.id();
	}

	@Test
	@Order(1)
	void everyRecordWithACheckConstraintIsWrittenAfterTheConnectionsRetired() {
		String manager = given.manager();
		String team = given.team(manager);
		String kam = given.kam(team, manager);
		long account = given.accountOwnedBy(kam, Fixtures.unique("First Run Machinery")).id();

		// Opportunities: stage, amount and purchase type checks; moves, a win and a loss.
		long won = openOpportunity(kam, account, "Press line");
		api.post(kam, "/api/v1/opportunities/" + won + "/stage",
				json("stage", "NEED_DESCRIPTION", "version", api.version(kam, "/api/v1/opportunities/" + won)))
			.expect(200);
		api.post(kam, "/api/v1/opportunities/" + won + "/win",
				json("closeDate", "2031-05-02", "version", api.version(kam, "/api/v1/opportunities/" + won)))
			.expect(200);
		long lost = openOpportunity(kam, account, "Spare parts");
		api.post(kam, "/api/v1/opportunities/" + lost + "/lose", json("reason", "Price too high", "competitor", "Rival",
				"version", api.version(kam, "/api/v1/opportunities/" + lost)))
			.expect(200);

		// Competitor comparison: criterion weight and score checks.
		long compared = openOpportunity(kam, account, "Tooling");
		api.put(kam, "/api/v1/opportunities/" + compared + "/comparison",
				json("weights", json("QUALITY", 60, "PRICE", 40), "ours", json("QUALITY", 4, "PRICE", 3), "competitors",
						json("Rival", json("QUALITY", 3, "PRICE", 5))))
			.expect(200);

		// Targets and quotas: intention, period and amount checks.
		api.post(Api.ADMIN, "/api/v1/targets", json("salesperson", kam, "accountId", account, "intention", "HIGH",
				"from", "2031-01-01", "to", "2031-12-31"))
			.expect(201);
		api.post(Api.ADMIN, "/api/v1/quotas",
				json("salesperson", kam, "from", "2031-01-01", "to", "2031-12-31", "amount", 50000))
			.expect(200);
		api.put(Api.ADMIN, "/api/v1/stage-probabilities", json("SUPPLIER_SELECTION", 40)).expect(200);

		// Contacts' buying roles and the 25-grid.
		long contact = given.contact(kam, account, "Wang Lei").expect(201).id();
		api.put(kam, "/api/v1/contacts/" + contact + "/buying-roles",
				json("roles", List.of("DECIDER"), "influence", 5, "attitude", "SUPPORTER", "personalLevel", 3))
			.expect(200);
		api.put(kam, "/api/v1/contacts/" + contact + "/buying-roles",
				json("roles", List.of("USER"), "influence", 2, "attitude", "NEUTRAL", "opportunityId", won))
			.expect(200);
		api.post(kam, "/api/v1/accounts/" + account + "/relationship-assessments",
				json("personal", 3, "company", 2, "evidence", "Dinner with the plant manager"))
			.expect(201);
		JsonNode levels = api.get(Api.ADMIN, "/api/v1/relationship/levels").expect(200).body();
		api.put(Api.ADMIN, "/api/v1/relationship/levels", List.of(levels.get("COMPANY").get(2))).expect(200);
		JsonNode table = api.get(Api.ADMIN, "/api/v1/relationship/stage-table").expect(200).body();
		api.put(Api.ADMIN, "/api/v1/relationship/stage-table", json("stages", table.get("stages"))).expect(200);

		// Products (price checks), users (role check) and segmentation settings and runs.
		api.post(Api.ADMIN, "/api/v1/products",
				json("name", Fixtures.unique("Servo drive"), "listPrice", 1000, "unitCost", 600))
			.expect(201);
		given.director();
		api.post(manager, "/api/v1/segmentation/runs", json()).expect(201);
	}

	@Test
	@Order(2)
	void aNewcomerMovesWinsLosesImportsAndMistypesAPasswordInTheBrowser() throws Exception {
		String kam = given.kam();
		long account = given.accountOwnedBy(kam, Fixtures.unique("Browser Tools")).id();
		long toWin = openOpportunity(kam, account, "Gearbox line");
		long toLose = openOpportunity(kam, account, "Conveyor");
		Path file = folder.resolve("accounts-first-run.csv");
		String imported = Fixtures.unique("Hangzhou Spindles");
		Files.writeString(file, "name,industry,region\r\n" + imported + ",Machinery,East China\r\n",
				StandardCharsets.UTF_8);

		try (Browser browser = Browser.open(port, "en-US")) {
			browser.go("/login");
			browser.type(By.id("username"), kam);
			browser.type(By.id("password"), "not-the-password");
			browser.click(By.id("login-submit"));
			assertThat(browser.currentPath()).startsWith("/login");
			assertThat(browser.pageSource()).doesNotContain("Something went wrong");

			browser.login(kam, Api.USER_PASSWORD);
			browser.go("/opportunities/" + toWin);
			browser.choose(By.cssSelector("#stage-form select[name=stage]"), "NEED_DESCRIPTION");
			browser.click(By.cssSelector("#stage-form button[type=submit]"));
			browser.find(By.id("opportunity-title"));
			assertThat(api.get(kam, "/api/v1/opportunities/" + toWin).expect(200).text("stage"))
				.isEqualTo("NEED_DESCRIPTION");
			browser.click(By.id("win"));
			browser.find(By.id("stage-badge"));
			assertThat(api.get(kam, "/api/v1/opportunities/" + toWin).expect(200).text("stage")).isEqualTo("WON");

			browser.go("/opportunities/" + toLose);
			browser.type(By.id("l-reason"), "Budget frozen");
			browser.type(By.id("l-competitor"), "Rival Tools");
			browser.click(By.id("lose"));
			browser.waitForText(By.id("lost-reason"), "Budget frozen");
			assertThat(api.get(kam, "/api/v1/opportunities/" + toLose).expect(200).text("stage")).isEqualTo("LOST");

			browser.go("/imports");
			browser.choose(By.id("import-type"), "ACCOUNTS");
			browser.find(By.id("import-file")).sendKeys(file.toAbsolutePath().toString());
			browser.click(By.id("import-next"));
			browser.click(By.id("import-start"));
			browser.waitForText(By.id("import-status"), "Done");
			assertThat(api.get(kam, "/api/v1/accounts?q=" + imported).expect(200).items()).hasSize(1);
			browser.screenshot(Path.of("target", "journeys", "first-run-import.png"));
		}
	}

}
