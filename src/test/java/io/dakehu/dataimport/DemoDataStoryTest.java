package io.dakehu.dataimport;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.account.LifecycleStatus;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.ForecastReport;
import io.dakehu.opportunity.Forecasts;
import io.dakehu.opportunity.Funnel;
import io.dakehu.opportunity.FunnelReport;
import io.dakehu.opportunity.Pipeline;
import io.dakehu.opportunity.Stage;
import io.dakehu.report.RoiLine;
import io.dakehu.report.RoiReport;
import io.dakehu.report.SalesRoi;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo tells its story: a director, accounts with a lifecycle, a year of reports with
 * figures, contacts, activities and assessments. Every expected figure is computed here
 * from the public files and the story files ({@link DemoDataFiles}). Shares its
 * application context with the demo data import test.
 */
@DemoDataIntegrationTest
class DemoDataStoryTest {

	@Autowired
	Users users;

	@Autowired
	AccountQueries accounts;

	@Autowired
	Funnel funnel;

	@Autowired
	Forecasts forecasts;

	@Autowired
	SalesRoi roi;

	@Autowired
	Pipeline pipeline;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	WebApplicationContext context;

	private final LocalDate today = LocalDate.now();

	private final LocalDate yearStart = this.today.withDayOfYear(1);

	private final LocalDate yearEnd = this.today.withDayOfYear(this.today.lengthOfYear());

	@Test
	void aDirectorExistsAndTheReadmeNamesThem() throws IOException {
		String[] director = DemoDataFiles.csv("story/people.csv").get(0);
		UserSummary user = this.users.findByUsername(director[1]).orElseThrow();
		assertThat(user.role()).isEqualTo(Role.DIRECTOR).hasToString(director[2]);
		assertThat(user.displayName()).isEqualTo(director[0]);
		assertThat(Files.readString(Path.of("README.md"))).contains("`" + director[1] + "`");
	}

	@Test
	void eachAccountIsActiveDormantOrAProspectAsItsPurchasesSay() throws IOException {
		Map<String, LocalDate> last = new HashMap<>();
		for (DemoDataFiles.Purchase purchase : DemoDataFiles.purchases()) {
			last.merge(purchase.account(), purchase.date(), (a, b) -> a.isAfter(b) ? a : b);
		}
		Map<LifecycleStatus, Integer> counts = new HashMap<>();
		for (AccountRow row : this.accounts
			.search(RecordScope.everything(0), AccountCriteria.all(), new PageRequest(0, 200))
			.content()) {
			LocalDate newest = last.get(row.name());
			LifecycleStatus expected = (newest == null) ? LifecycleStatus.PROSPECT
					: newest.isAfter(this.today.minusMonths(12)) ? LifecycleStatus.ACTIVE : LifecycleStatus.DORMANT;
			assertThat(row.status()).as(row.name()).isEqualTo(expected);
			counts.merge(expected, 1, Integer::sum);
		}
		assertThat(counts).containsOnlyKeys(LifecycleStatus.ACTIVE, LifecycleStatus.DORMANT, LifecycleStatus.PROSPECT);
	}

	@Test
	void theFunnelOfTheCurrentYearHasTheStorysTargetsAndTheWonDeals() throws IOException {
		long shift = DemoDataFiles.shift();
		Map<String, String> intention = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("story/targets.csv")) {
			intention.put(row[0] + "|" + row[1], row[2]);
		}
		Map<String, BigDecimal> won = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("sales_pipeline.csv")) {
			if (row[4].equals("Won") && inYear(LocalDate.parse(row[6]).plusDays(shift))) {
				won.merge(UserImporter.usernameFor(row[1]) + "|" + row[3], new BigDecimal(row[7]), BigDecimal::add);
			}
		}
		Set<String> targets = new HashSet<>(intention.keySet());
		targets.addAll(won.keySet());
		long mediumHigh = targets.stream().filter((t) -> !"LOW".equals(intention.get(t))).count();
		BigDecimal sales = won.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);

		FunnelReport report = this.funnel.report(RecordScope.everything(0), this.yearStart, this.yearEnd, null, null);

		assertThat(sales).isPositive();
		assertThat(report.total().targets()).isEqualTo(targets.size());
		assertThat(report.total().mediumHighIntention()).isEqualTo(mediumHigh);
		assertThat(report.total().closed()).isEqualTo(won.size());
		assertThat(report.total().sales()).isEqualByComparingTo(sales);
		assertThat(report.total().closed()).isLessThan(report.total().targets());
	}

	@Test
	void theForecastOfTheCurrentYearHasWonDealsOpenDealsAndQuotas() throws IOException {
		long shift = DemoDataFiles.shift();
		Map<Stage, Integer> probability = this.pipeline.probabilities();
		BigDecimal won = BigDecimal.ZERO;
		for (String[] row : DemoDataFiles.csv("sales_pipeline.csv")) {
			if (row[4].equals("Won") && inYear(LocalDate.parse(row[6]).plusDays(shift))) {
				won = won.add(new BigDecimal(row[7]));
			}
		}
		BigDecimal weightedOpen = BigDecimal.ZERO;
		for (String[] row : DemoDataFiles.csv("story/open_deals.csv")) {
			if (inYear(LocalDate.parse(row[3]).plusDays(shift))) {
				weightedOpen = weightedOpen
					.add(new BigDecimal(row[2]).multiply(BigDecimal.valueOf(probability.get(Stage.valueOf(row[1]))))
						.divide(BigDecimal.valueOf(100)));
			}
		}
		BigDecimal quotas = DemoDataFiles.csv("story/quotas.csv")
			.stream()
			.map((row) -> new BigDecimal(row[1]))
			.reduce(BigDecimal.ZERO, BigDecimal::add);

		ForecastReport report = this.forecasts.forecast(RecordScope.everything(0), this.yearStart, this.yearEnd, null,
				null);

		assertThat(won).isPositive();
		assertThat(report.total().won()).isEqualByComparingTo(won);
		assertThat(report.total().weighted()).isEqualByComparingTo(won.add(weightedOpen));
		assertThat(report.total().quota()).isEqualByComparingTo(quotas).isPositive();
	}

	@Test
	void salesRoiOfTheCurrentYearCountsTheActivitiesHours() throws IOException {
		long shift = DemoDataFiles.shift();
		long minutes = 0;
		for (String[] row : DemoDataFiles.csv("story/activities.csv")) {
			if (inYear(java.time.LocalDateTime.parse(row[3]).plusDays(shift).toLocalDate())) {
				minutes += Long.parseLong(row[4]);
			}
		}

		RoiReport report = this.roi.report(RecordScope.everything(0), this.yearStart, this.yearEnd);

		assertThat(minutes).isPositive();
		BigDecimal hours = report.accounts().stream().map(RoiLine::hours).reduce(BigDecimal.ZERO, BigDecimal::add);
		// Each line's hours are rounded to the hundredth.
		assertThat(hours.doubleValue()).isCloseTo(minutes / 60.0,
				org.assertj.core.data.Offset.offset(0.005 * report.accounts().size()));
		assertThat(report.salespeople()).anySatisfy((line) -> assertThat(line.salesPerHour()).isPositive());
	}

	@Test
	void theReportPagesOpenOnTheCurrentYear() throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		String director = DemoDataFiles.csv("story/people.csv").get(0)[1];
		for (String page : List.of("/reports", "/reports/roi", "/pipeline/forecast")) {
			mvc.perform(get(page).with(user(director).roles("DIRECTOR")))
				.andExpect(status().isOk())
				.andExpect(content().string(org.hamcrest.Matchers.containsString(this.yearStart.toString())));
		}
	}

	@Test
	void contactsHaveTitlesAndSomeBirthdaysComeInTheNextTwoWeeks() throws IOException {
		long shift = DemoDataFiles.shift();
		List<String[]> contacts = DemoDataFiles.csv("story/contacts.csv");
		long soon = contacts.stream().filter((row) -> birthdaySoon(LocalDate.parse(row[6]).plusDays(shift))).count();
		assertThat(soon).isPositive();
		List<LocalDate> birthdays = this.jdbc.sql("select birthday from contact where title is not null")
			.query(LocalDate.class)
			.list();
		assertThat(birthdays).hasSize(contacts.size());
		assertThat(birthdays.stream().filter(this::birthdaySoon).count()).isEqualTo(soon);
		assertThat(this.jdbc.sql("select count(*) from activity").query(Long.class).single())
			.isEqualTo(DemoDataFiles.csv("story/activities.csv").size());
		assertThat(this.jdbc.sql("select count(*) from relationship_assessment").query(Long.class).single())
			.isEqualTo(DemoDataFiles.csv("story/assessments.csv").size());
	}

	private boolean birthdaySoon(LocalDate birthday) {
		for (int days = 0; days <= 14; days++) {
			LocalDate day = this.today.plusDays(days);
			if (day.getMonth() == birthday.getMonth() && day.getDayOfMonth() == birthday.getDayOfMonth()) {
				return true;
			}
		}
		return false;
	}

	private boolean inYear(LocalDate date) {
		return !date.isBefore(this.yearStart) && !date.isAfter(this.yearEnd);
	}

}
