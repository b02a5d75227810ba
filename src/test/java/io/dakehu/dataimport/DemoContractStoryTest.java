package io.dakehu.dataimport;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.dakehu.account.AccountCriteria;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRow;
import io.dakehu.contract.ContractFilter;
import io.dakehu.contract.ContractView;
import io.dakehu.contract.Contracts;
import io.dakehu.identity.RecordScope;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.DemoDataIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo's contracts ({@code story/contracts.csv}): each stands in the status the file
 * gives, and each account's receivables fall in the aging buckets worked out here from
 * the plan and the receipts, paid oldest due first.
 */
@DemoDataIntegrationTest
class DemoContractStoryTest {

	private static final RecordScope EVERYTHING = RecordScope.everything(0);

	private static final String[] BUCKETS = { "notDue", "days1to30", "days31to60", "days61to90", "over90" };

	@Autowired
	Contracts contracts;

	@Autowired
	AccountQueries accounts;

	@Autowired
	WebApplicationContext context;

	@Test
	void eachContractStandsInTheStatusTheStoryGives() throws IOException {
		Map<String, Long> expected = new TreeMap<>();
		for (String[] row : DemoDataFiles.csv("story/contracts.csv")) {
			expected.merge(row[0] + "|" + row[1] + "|" + row[7], 1L, Long::sum);
		}
		Map<String, Long> actual = new TreeMap<>();
		for (ContractView contract : this.contracts.list(EVERYTHING, ContractFilter.all(), 1000)) {
			actual.merge(contract.accountName() + "|" + contract.owner() + "|" + contract.status(), 1L, Long::sum);
		}
		assertThat(actual).isEqualTo(expected);
	}

	@Test
	void eachAccountsReceivablesFallInTheBucketsOfItsPlanAndReceipts() throws Exception {
		LocalDate today = LocalDate.now();
		Map<String, BigDecimal[]> expected = new HashMap<>();
		for (String[] row : DemoDataFiles.csv("story/contracts.csv")) {
			if (!row[7].equals("ACTIVE")) {
				continue;
			}
			LocalDate signed = today.minusDays(Long.parseLong(row[2]));
			List<Object[]> plan = new ArrayList<>();
			for (String instalment : row[5].split("\\|")) {
				String[] parts = instalment.split(":");
				plan.add(new Object[] { signed.plusDays(Long.parseLong(parts[0])), new BigDecimal(parts[1]) });
			}
			plan.sort(Comparator.comparing((Object[] i) -> (LocalDate) i[0]));
			BigDecimal received = BigDecimal.ZERO;
			for (String receipt : row[6].isEmpty() ? new String[0] : row[6].split("\\|")) {
				received = received.add(new BigDecimal(receipt.split(":")[1]));
			}
			BigDecimal[] buckets = expected.computeIfAbsent(row[0], (name) -> zeros());
			for (Object[] instalment : plan) {
				BigDecimal amount = (BigDecimal) instalment[1];
				BigDecimal paid = received.min(amount);
				received = received.subtract(paid);
				long late = ChronoUnit.DAYS.between((LocalDate) instalment[0], today);
				int bucket = (late <= 0) ? 0 : (late <= 30) ? 1 : (late <= 60) ? 2 : (late <= 90) ? 3 : 4;
				buckets[bucket] = buckets[bucket].add(amount.subtract(paid));
			}
		}
		assertThat(expected.values().stream().mapToInt((b) -> b[4].signum()).sum()).as("an amount over 90 days")
			.isPositive();
		Map<String, Long> ids = new HashMap<>();
		for (AccountRow row : this.accounts.search(EVERYTHING, AccountCriteria.all(), new PageRequest(0, 200))
			.content()) {
			ids.put(row.name(), row.id());
		}
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		JsonMapper json = JsonMapper.builder().build();
		for (Map.Entry<String, BigDecimal[]> account : expected.entrySet()) {
			String body = mvc
				.perform(get("/api/v1/accounts/" + ids.get(account.getKey()) + "/receivables")
					.with(user("grace.holloway").roles("DIRECTOR")))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse()
				.getContentAsString();
			JsonNode aging = json.readTree(body).get("aging");
			for (int i = 0; i < BUCKETS.length; i++) {
				assertThat(new BigDecimal(aging.get(BUCKETS[i]).asString())).as(account.getKey() + " " + BUCKETS[i])
					.isEqualByComparingTo(account.getValue()[i]);
			}
		}
	}

	private static BigDecimal[] zeros() {
		BigDecimal[] zeros = new BigDecimal[BUCKETS.length];
		java.util.Arrays.fill(zeros, BigDecimal.ZERO);
		return zeros;
	}

}
