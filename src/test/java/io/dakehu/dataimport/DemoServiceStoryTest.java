package io.dakehu.dataimport;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.identity.RecordScope;
import io.dakehu.retention.ChurnRun;
import io.dakehu.retention.ChurnRuns;
import io.dakehu.service.ComplaintFilter;
import io.dakehu.service.ComplaintView;
import io.dakehu.service.Complaints;
import io.dakehu.service.RepeatedComplaints;
import io.dakehu.service.Satisfaction;
import io.dakehu.service.Surveys;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo's service story: the complaints of {@code story/complaints.csv} at the stage
 * the file gives, the repeated-complaint flag where three fall within a year, the KAM's
 * to-do holding his unanswered complaint and his return visit, the surveys of
 * {@code story/surveys.csv} on the data card, and a first churn-risk run. Every
 * expectation is read from the story files here.
 */
@DemoDataIntegrationTest
class DemoServiceStoryTest {

	private static final RecordScope EVERYTHING = RecordScope.everything(0);

	@Autowired
	Complaints complaints;

	@Autowired
	Surveys surveys;

	@Autowired
	ChurnRuns churnRuns;

	@Autowired
	AccountQueries accounts;

	@Autowired
	WebApplicationContext context;

	/**
	 * Columns of complaints.csv: account, recorder, contact, received_days_ago, ...,
	 * outcome (8).
	 */
	private static List<String[]> complaintRows() throws IOException {
		return DemoDataFiles.csv("story/complaints.csv");
	}

	@Test
	void eachComplaintStandsAtTheStageTheStoryGivesOwnedByItsRecorder() throws IOException {
		Map<String, Long> expected = complaintRows().stream()
			.collect(Collectors.groupingBy((row) -> row[0] + "|" + row[1] + "|" + row[8], TreeMap::new,
					Collectors.counting()));
		Map<String, Long> actual = this.complaints.list(EVERYTHING, new ComplaintFilter(null, null, false, null), 1000)
			.stream()
			.collect(Collectors.groupingBy(
					(complaint) -> complaint.accountName() + "|" + complaint.owner() + "|" + complaint.status(),
					TreeMap::new, Collectors.counting()));
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void theAccountsWithThreeComplaintsInAYearCarryTheRepeatedFlag() throws IOException {
		Map<String, Long> withinAYear = complaintRows().stream()
			.filter((row) -> Long.parseLong(row[3]) < 365)
			.collect(Collectors.groupingBy((row) -> row[0], Collectors.counting()));
		Set<String> expected = withinAYear.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() >= 3)
			.map(Map.Entry::getKey)
			.collect(Collectors.toSet());
		assertThat(expected).isNotEmpty();
		assertThat(this.complaints.repeated(EVERYTHING)).extracting(RepeatedComplaints::accountName)
			.containsExactlyInAnyOrderElementsOf(expected);
	}

	@Test
	void theKamsToDoHoldsHisUnansweredComplaintAndHisReturnVisitDueToday() throws Exception {
		String kam = "moses.frase";
		List<String[]> his = complaintRows().stream().filter((row) -> row[1].equals(kam)).toList();
		List<String> unanswered = his.stream().filter((row) -> row[8].equals("OPEN")).map((row) -> row[0]).toList();
		List<String> resolved = his.stream().filter((row) -> row[8].equals("RESOLVED")).map((row) -> row[0]).toList();
		assertThat(unanswered).isNotEmpty();
		assertThat(resolved).isNotEmpty();
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		mvc.perform(get("/api/v1/me/todo").with(user(kam).roles("KAM")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.complaints.items[*].accountName")
				.value(org.hamcrest.Matchers.containsInAnyOrder(unanswered.toArray())))
			.andExpect(jsonPath("$.returnVisits.items[*].accountName")
				.value(org.hamcrest.Matchers.containsInAnyOrder(resolved.toArray())))
			.andExpect(jsonPath("$.returnVisits.items[0].returnVisitDue").value(LocalDate.now().toString()));
	}

	@Test
	void theDataCardShowsEachAccountsSurveysOnTheirDays() throws IOException {
		Map<String, List<String[]>> byAccount = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("story/surveys.csv")) {
			byAccount.computeIfAbsent(row[0], (name) -> new java.util.ArrayList<>()).add(row);
		}
		Map<String, Long> ids = new HashMap<>();
		for (AccountRow row : this.accounts.search(EVERYTHING, AccountCriteria.all(), new PageRequest(0, 200))
			.content()) {
			ids.put(row.name(), row.id());
		}
		for (Map.Entry<String, List<String[]>> account : byAccount.entrySet()) {
			String[] newest = account.getValue()
				.stream()
				.min(Comparator.comparingLong((String[] row) -> Long.parseLong(row[2])))
				.orElseThrow();
			Satisfaction satisfaction = this.surveys.of(EVERYTHING, ids.get(account.getKey()), 100);
			assertThat(satisfaction.surveys()).as(account.getKey()).hasSize(account.getValue().size());
			LocalDate newestOn = LocalDate.now().minusDays(Long.parseLong(newest[2]));
			assertThat(satisfaction.surveys()).as(account.getKey())
				.filteredOn((survey) -> survey.surveyedOn().equals(newestOn))
				.singleElement()
				.satisfies((survey) -> assertThat(survey.overall()).isEqualTo(Integer.parseInt(newest[3])));
		}
	}

	@Test
	void theChurnRiskListIsScoredOnceAfterLoading() {
		List<ChurnRun> runs = this.churnRuns.runs(10);
		assertThat(runs).hasSize(1);
		assertThat(runs.get(0).accounts()).isPositive();
	}

}
