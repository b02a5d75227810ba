package io.dakehu.contact;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts of an account and their reports-to lines.
 */
abstract class ContactApiTests extends ApiTestSupport {

	@Test
	void addsAContactWith201AndLocationAndListsIt() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Sinopec"));
		Response created = this.api.post(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/contacts",
				json("name", "Chen Jing", "title", "采购总监", "department", "Procurement", "phone", "+86 (21) 5555-0101",
						"email", "chen.jing@example.cn", "birthday", "1980-05-17", "notes", "Prefers morning calls"))
			.expect(201);
		assertThat(created.location()).contains("/api/v1/contacts/" + created.id());

		Response read = this.api.get(Api.ADMIN, created.location().orElseThrow()).expect(200);
		assertThat(read.text("name")).isEqualTo("Chen Jing");
		assertThat(read.text("title")).isEqualTo("采购总监");
		assertThat(read.text("department")).isEqualTo("Procurement");
		assertThat(read.text("phone")).isEqualTo("+86 (21) 5555-0101");
		assertThat(read.text("email")).isEqualTo("chen.jing@example.cn");
		assertThat(read.text("birthday")).isEqualTo("1980-05-17");
		assertThat(read.body().get("accountId").asLong()).isEqualTo(account.id());
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/contacts").expect(200).ids())
			.containsExactly(created.id());
	}

	@Test
	void recordsWhomAContactReportsTo() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Haier"));
		Response boss = this.given.contact(Api.ADMIN, account.id(), "Boss");
		Response report = this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + account.id() + "/contacts",
					json("name", "Report", "reportsToId", boss.id()))
			.expect(201);
		assertThat(report.body().get("reportsToId").asLong()).isEqualTo(boss.id());
		assertThat(report.text("reportsToName")).isEqualTo("Boss");
	}

	@Test
	void rejectsReportingToAContactOfAnotherAccount() {
		Response here = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Here"));
		Response elsewhere = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Elsewhere"));
		Response stranger = this.given.contact(Api.ADMIN, elsewhere.id(), "Stranger");
		Response refused = this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + here.id() + "/contacts",
					json("name", "Newcomer", "reportsToId", stranger.id()))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("reportsToId");
		assertThat(this.api.get(Api.ADMIN, "/api/v1/accounts/" + here.id() + "/contacts").expect(200).items())
			.isEmpty();
	}

	@Test
	void rejectsAReportsToCycleAndChangesNothing() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Circular"));
		Response ceo = this.given.contact(Api.ADMIN, account.id(), "CEO");
		Response vp = reportingTo(account.id(), "VP", ceo.id());
		Response manager = reportingTo(account.id(), "Manager", vp.id());

		Response refused = this.api
			.put(Api.ADMIN, "/api/v1/contacts/" + ceo.id(),
					json("name", "CEO", "reportsToId", manager.id(), "version", ceo.version()))
			.expect(400);

		assertThat(refused.errorFields()).containsExactly("reportsToId");
		Response after = this.api.get(Api.ADMIN, "/api/v1/contacts/" + ceo.id()).expect(200);
		assertThat(after.body().get("reportsToId").isNull()).isTrue();
		assertThat(after.version()).isEqualTo(ceo.version());
	}

	@Test
	void rejectsReportingToOneself() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Selfish"));
		Response contact = this.given.contact(Api.ADMIN, account.id(), "Solo");
		Response refused = this.api
			.put(Api.ADMIN, "/api/v1/contacts/" + contact.id(),
					json("name", "Solo", "reportsToId", contact.id(), "version", contact.version()))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("reportsToId");
	}

	@Test
	void updatesAContactWithItsVersionAndRejectsAStaleOne() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Editable"));
		Response contact = this.given.contact(Api.ADMIN, account.id(), "Old Name");
		Response updated = this.api
			.put(Api.ADMIN, "/api/v1/contacts/" + contact.id(),
					json("name", "New Name", "title", "CFO", "version", contact.version()))
			.expect(200);
		assertThat(updated.version()).isEqualTo(contact.version() + 1);
		Response stale = this.api
			.put(Api.ADMIN, "/api/v1/contacts/" + contact.id(),
					json("name", "Stale Name", "version", contact.version()))
			.expect(409);
		assertThat(stale.body().get("currentVersion").asInt()).isEqualTo(contact.version() + 1);
		Response read = this.api.get(Api.ADMIN, "/api/v1/contacts/" + contact.id()).expect(200);
		assertThat(read.text("name")).isEqualTo("New Name");
		assertThat(read.text("title")).isEqualTo("CFO");
	}

	@Test
	void removingAManagerKeepsTheirReports() {
		Response account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Reorg"));
		Response boss = this.given.contact(Api.ADMIN, account.id(), "Leaving Boss");
		Response report = reportingTo(account.id(), "Staying Report", boss.id());
		this.api.delete(Api.ADMIN, "/api/v1/contacts/" + boss.id()).expect(204);
		this.api.get(Api.ADMIN, "/api/v1/contacts/" + boss.id()).expect(404);
		Response after = this.api.get(Api.ADMIN, "/api/v1/contacts/" + report.id()).expect(200);
		assertThat(after.body().get("reportsToId").isNull()).isTrue();
	}

	private Response reportingTo(long accountId, String name, long managerId) {
		return this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + accountId + "/contacts",
					json("name", name, "reportsToId", managerId))
			.expect(201);
	}

}
