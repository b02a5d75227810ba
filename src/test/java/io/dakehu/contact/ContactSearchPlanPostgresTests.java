package io.dakehu.contact;

import java.util.ArrayList;
import java.util.List;

import io.dakehu.identity.RecordScope;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.PageRequest;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import io.dakehu.support.PreparedPlans;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A contact search for pieces few names hold runs on one plan per statement (decision
 * 0071): PostgreSQL plans its marked statements once for every text instead of for each,
 * each search still finds its own people, and the setting ends with the search, so the
 * statements after it in the same transaction are planned as ever. Read in one
 * transaction, so every search goes through one connection, whose prepared statements
 * PostgreSQL lists.
 */
@PostgresIntegrationTest
class ContactSearchPlanPostgresTests extends ApiTestSupport {

	private static final int SEARCHES = 12;

	@Autowired
	ContactList contacts;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void searchesForRarePiecesRunOnOnePlanAndEachFindsItsPerson() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Plan")).id();
		// A name of its own per search: the same unique start, then two letters no other
		// search's name has.
		String start = Fixtures.unique("Zq");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < SEARCHES; i++) {
			String name = start + " " + (char) ('a' + i) + (char) ('m' + i) + " Wen";
			this.given.contact(kam, account, name);
			names.add(name);
		}
		RecordScope director = RecordScope.everything(1);
		PreparedPlans plans = this.transactions.execute((status) -> {
			for (int i = 0; i < SEARCHES; i++) {
				String text = start + " " + (char) ('a' + i) + (char) ('m' + i);
				assertThat(this.contacts
					.search(director, new ContactList.Criteria(text, null, "name", false), new PageRequest(0, 20))
					.content()).extracting(ContactList.ContactRow::name).as(text).containsExactly(names.get(i));
			}
			assertThat(this.jdbc.sql("show plan_cache_mode").query(String.class).single()).as("after the searches")
				.isEqualTo("auto");
			return PreparedPlans.matching(this.jdbc, NameSearch.ONE_PLAN + "%");
		});
		assertThat(plans.generic()).as("generic plans").isGreaterThan(0);
		assertThat(plans.custom()).as("plans made for one execution").isZero();
	}

}
