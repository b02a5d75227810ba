package io.dakehu.shared.audit;

import java.util.List;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every change leaves who, what, before and after in {@code audit_log}, read here with
 * plain SQL as an auditor would.
 */
abstract class AuditTrailTests extends ApiTestSupport {

	@Test
	void anAccountUpdateRecordsEachChangedFieldWithOldAndNewValueAndTheActor() {
		String kam = this.given.kam();
		String before = Fixtures.unique("Before");
		Response account = this.given.account(kam,
				json("name", before, "region", "East", "industry", "Food", "status", "PROSPECT"));
		String after = Fixtures.unique("After");

		this.api
			.put(kam, "/api/v1/accounts/" + account.id(),
					json("name", after, "region", "West", "industry", "Drinks", "version", account.version()))
			.expect(200);

		List<Row> updates = rows(account.id(), "UPDATE");
		assertThat(updates).extracting(Row::field, Row::oldValue, Row::newValue, Row::actor)
			.containsExactlyInAnyOrder(tuple("name", before, after, kam), tuple("region", "East", "West", kam),
					tuple("industry", "Food", "Drinks", kam));
		assertThat(updates).allSatisfy((row) -> assertThat(row.accountId()).isEqualTo(account.id()));
	}

	@Test
	void creatingAnAccountRecordsItsInitialValues() {
		String kam = this.given.kam();
		String name = Fixtures.unique("Fresh");
		Response account = this.given.account(kam, json("name", name, "industry", "Pharma"));
		List<Row> creates = rows(account.id(), "CREATE");
		assertThat(creates).extracting(Row::field, Row::oldValue, Row::newValue, Row::actor)
			.contains(tuple("name", null, name, kam), tuple("industry", null, "Pharma", kam));
	}

	@Test
	void archivingRecordsTheArchivedFlag() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Archived"));
		this.api.delete(Api.ADMIN, "/api/v1/accounts/" + account.id()).expect(204);
		assertThat(rows(account.id(), "UPDATE")).extracting(Row::field, Row::oldValue, Row::newValue, Row::actor)
			.containsExactly(tuple("archived", "false", "true", Api.ADMIN));
	}

	@Test
	void aRefusedEditLeavesNoAuditRow() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Refused"));
		long before = count(account.id());
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + account.id(), json("name", "Stale", "version", account.version() + 1))
			.expect(409);
		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + account.id(),
					json("name", "Ghost owner", "owner", Fixtures.unique("ghost"), "version", account.version()))
			.expect(400);
		assertThat(count(account.id())).isEqualTo(before);
	}

	@Test
	void contactChangesAreRecordedUnderTheirAccount() {
		String kam = this.given.kam();
		Response account = this.given.accountOwnedBy(kam, Fixtures.unique("With contact"));
		Response contact = this.given.contact(kam, account.id(), "Old Title Holder");
		this.api
			.put(kam, "/api/v1/contacts/" + contact.id(),
					json("name", "Old Title Holder", "title", "Chief Buyer", "version", contact.version()))
			.expect(200);
		List<Row> rows = this.jdbc.sql("""
				select field, old_value, new_value, actor, account_id from audit_log
				where entity_type = 'Contact' and entity_id = :id and action = 'UPDATE'
				""").param("id", contact.id()).query(Row.class).list();
		assertThat(rows).extracting(Row::field, Row::oldValue, Row::newValue, Row::actor, Row::accountId)
			.containsExactly(tuple("title", null, "Chief Buyer", kam, account.id()));
	}

	private List<Row> rows(long accountId, String action) {
		return this.jdbc.sql("""
				select field, old_value, new_value, actor, account_id from audit_log
				where entity_type = 'Account' and entity_id = :id and action = :action
				""").param("id", accountId).param("action", action).query(Row.class).list();
	}

	private long count(long accountId) {
		return this.jdbc.sql("select count(*) from audit_log where account_id = :id")
			.param("id", accountId)
			.query(Long.class)
			.single();
	}

	record Row(String field, String oldValue, String newValue, String actor, Long accountId) {
	}

}
