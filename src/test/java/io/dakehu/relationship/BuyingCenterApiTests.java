package io.dakehu.relationship;

import java.time.LocalDate;
import java.util.List;

import io.dakehu.opportunity.NewOpportunity;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.opportunity.Stage;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Buying-center roles per person and per opportunity, and the coverage warnings they
 * raise and clear on the opportunity, the account and the risks list.
 */
abstract class BuyingCenterApiTests extends ApiTestSupport {

	@Autowired
	private Opportunities opportunities;

	/** An open opportunity on the account, recorded the way the importer records one. */
	private long openOpportunity(long accountId, String owner, Stage stage) {
		long ownerId = this.jdbc.sql("select id from app_user where username = ?")
			.param(owner)
			.query(Long.class)
			.single();
		String reference = Fixtures.unique("opp");
		this.opportunities.append(List.of(new NewOpportunity(accountId, ownerId, null, stage, LocalDate.now(),
				stage.closed() ? LocalDate.now() : null, stage == Stage.WON ? java.math.BigDecimal.TEN : null, "test",
				reference)));
		return this.jdbc.sql("select id from opportunity where external_ref = ?")
			.param(reference)
			.query(Long.class)
			.single();
	}

	private Response roles(String user, long contactId, Object body) {
		return this.api.put(user, "/api/v1/contacts/" + contactId + "/buying-roles", body);
	}

	private List<String> warnings(String user, long opportunityId) {
		JsonNode coverage = this.api.get(user, "/api/v1/opportunities/" + opportunityId + "/buying-center")
			.expect(200)
			.body();
		return kinds(coverage);
	}

	private static List<String> kinds(JsonNode coverage) {
		return coverage.get("warnings").valueStream().map((warning) -> warning.get("kind").asString()).toList();
	}

	private List<Long> riskIds(String user) {
		return this.api.get(user, "/api/v1/relationship/risks?size=200")
			.expect(200)
			.items()
			.stream()
			.map((risk) -> risk.get("opportunity").get("id").asLong())
			.toList();
	}

	@Test
	void coverageWarningsAppearAndDisappearAsRolesAreSet() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Coverage")).id();
		long ceo = this.given.contact(kam, account, "Zhang Wei").id();
		long engineer = this.given.contact(kam, account, "Li Na").id();
		long opportunity = openOpportunity(account, kam, Stage.SUPPLIER_SEARCH);
		long won = openOpportunity(account, kam, Stage.WON);

		assertThat(warnings(kam, opportunity)).containsExactly("NO_DECIDER");
		assertThat(riskIds(kam)).contains(opportunity).doesNotContain(won);

		Response decider = roles(kam, ceo,
				json("roles", List.of("DECIDER", "BUYER"), "influence", 5, "personalLevel", 1))
			.expect(200);
		assertThat(decider.body().get("roles").valueStream().map(JsonNode::asString)).containsExactly("BUYER",
				"DECIDER");
		assertThat(warnings(kam, opportunity)).containsExactly("WEAK_DECIDER");

		roles(kam, ceo, json("roles", List.of("DECIDER"), "influence", 5, "personalLevel", 3, "relationshipOwner", kam))
			.expect(200);
		assertThat(warnings(kam, opportunity)).isEmpty();
		assertThat(riskIds(kam)).doesNotContain(opportunity);

		roles(kam, engineer, json("roles", List.of("USER", "INFLUENCER"), "influence", 4, "attitude", "OPPONENT"))
			.expect(200);
		assertThat(warnings(kam, opportunity)).containsExactly("UNCHECKED_OPPONENT");
		JsonNode account1 = this.api.get(kam, "/api/v1/accounts/" + account + "/buying-center").expect(200).body();
		assertThat(account1.get("openOpportunities")).hasSize(1);
		assertThat(kinds(account1.get("openOpportunities").get(0))).containsExactly("UNCHECKED_OPPONENT");
		assertThat(riskIds(kam)).contains(opportunity);

		roles(kam, ceo, json("roles", List.of("DECIDER"), "influence", 5, "attitude", "CHAMPION", "personalLevel", 3,
				"relationshipOwner", kam))
			.expect(200);
		assertThat(warnings(kam, opportunity)).isEmpty();

		// On this opportunity only, the CEO leaves the decision to someone else.
		roles(kam, ceo, json("roles", List.of("INFLUENCER"), "influence", 3, "attitude", "CHAMPION", "opportunityId",
				opportunity))
			.expect(200);
		assertThat(warnings(kam, opportunity)).containsExactly("NO_DECIDER");
		long second = openOpportunity(account, kam, Stage.PROBLEM_RECOGNITION);
		assertThat(warnings(kam, second)).isEmpty();
		this.api.delete(kam, "/api/v1/contacts/" + ceo + "/buying-roles?opportunityId=" + opportunity).expect(204);
		assertThat(warnings(kam, opportunity)).isEmpty();
		assertThat(this.jdbc
			.sql("select count(*) from audit_log where entity_type = 'OpportunityBuyingRole' and entity_id = ?")
			.param(opportunity)
			.query(Long.class)
			.single()).isPositive();
	}

	@Test
	void keepsSeveralRolesAndThePersonalLevelOnTheContact() {
		long account = this.given.accountOwnedBy(Api.ADMIN, Fixtures.unique("Roles")).id();
		long contact = this.given.contact(Api.ADMIN, account, "Wang Fang").id();
		roles(Api.ADMIN, contact, json("roles", List.of("GATEKEEPER", "BUYER", "USER"), "influence", 2, "attitude",
				"SUPPORTER", "personalLevel", 2))
			.expect(200);
		JsonNode member = this.api.get(Api.ADMIN, "/api/v1/accounts/" + account + "/buying-center")
			.expect(200)
			.body()
			.get("members")
			.get(0);
		assertThat(member.get("roles").valueStream().map(JsonNode::asString)).containsExactly("USER", "BUYER",
				"GATEKEEPER");
		assertThat(member.get("attitude").asString()).isEqualTo("SUPPORTER");
		assertThat(member.get("personalLevel").asInt()).isEqualTo(2);
		assertThat(this.jdbc.sql(
				"select count(*) from audit_log where entity_type = 'Contact' and entity_id = ? and field = 'buyingRoles'")
			.param(contact)
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void rejectsBadBuyingRolesWithFieldErrors() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("BadRoles")).id();
		long contact = this.given.contact(kam, account, "Zhao Lei").id();
		assertThat(roles(kam, contact, json("influence", 6)).expect(400).errorFields()).containsExactly("influence");
		assertThat(roles(kam, contact, json("influence", 0)).expect(400).errorFields()).containsExactly("influence");
		assertThat(roles(kam, contact, json("personalLevel", 6)).expect(400).errorFields())
			.containsExactly("personalLevel");
		assertThat(roles(kam, contact, json("personalLevel", -1)).expect(400).errorFields())
			.containsExactly("personalLevel");
		assertThat(roles(kam, contact, json("relationshipOwner", "nobody-here")).expect(400).errorFields())
			.containsExactly("relationshipOwner");
		roles(kam, contact, json("roles", List.of("KING"))).expect(400);
		roles(this.given.kam(), contact, json("roles", List.of("DECIDER"))).expect(404);

		long elsewhere = this.given.accountOwnedBy(kam, Fixtures.unique("Elsewhere")).id();
		long opportunity = openOpportunity(elsewhere, kam, Stage.SUPPLIER_SEARCH);
		assertThat(roles(kam, contact, json("roles", List.of("DECIDER"), "opportunityId", opportunity)).expect(400)
			.errorFields()).containsExactly("contactId");
		this.api.get(this.given.kam(), "/api/v1/opportunities/" + opportunity + "/buying-center").expect(404);
		JsonNode member = this.api.get(kam, "/api/v1/accounts/" + account + "/buying-center")
			.expect(200)
			.body()
			.get("members")
			.get(0);
		assertThat(member.get("roles")).isEmpty();
		assertThat(member.get("influence").isNull()).isTrue();
	}

	@Test
	void aDealOwnerWhoOnlyReadsTheAccountNeitherSeesNorEditsItsBuyingRoles() {
		String kam = this.given.kam();
		long account = this.given.accountOwnedBy(kam, Fixtures.unique("Guarded")).id();
		long decider = this.given.contact(kam, account, "Qian Jun").id();
		roles(kam, decider, json("roles", List.of("DECIDER"), "influence", 5)).expect(200);
		// A salesperson of another team works a deal on the account: they see the deal,
		// and read the account, but the account is not theirs.
		String outsider = this.given.kam();
		long deal = openOpportunity(account, outsider, Stage.SUPPLIER_SEARCH);

		JsonNode seen = this.api.get(outsider, "/api/v1/opportunities/" + deal + "/buying-center").expect(200).body();
		assertThat(seen.get("opportunity").get("id").asLong()).isEqualTo(deal);
		assertThat(seen.get("buyingCenter")).isEmpty();
		assertThat(seen.get("warnings")).isEmpty();
		roles(outsider, decider, json("roles", List.of("USER"), "opportunityId", deal)).expect(404);
		this.api.delete(outsider, "/api/v1/contacts/" + decider + "/buying-roles?opportunityId=" + deal).expect(404);
		roles(outsider, decider, json("roles", List.of("USER"))).expect(404);
		this.api.get(outsider, "/api/v1/accounts/" + account + "/buying-center").expect(404);
		assertThat(this.jdbc.sql("select count(*) from opportunity_buying_role where opportunity_id = ?")
			.param(deal)
			.query(Long.class)
			.single()).isZero();

		// The account's owner sees the person on the same deal, with the role at the
		// account.
		JsonNode owners = this.api.get(kam, "/api/v1/opportunities/" + deal + "/buying-center").expect(200).body();
		assertThat(owners.get("buyingCenter").valueStream().map((m) -> m.get("contactId").asLong()))
			.containsExactly(decider);
		assertThat(owners.get("buyingCenter").get(0).get("roles").get(0).asString()).isEqualTo("DECIDER");
	}

}
