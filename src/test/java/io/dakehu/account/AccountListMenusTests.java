package io.dakehu.account;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.dakehu.identity.UserAdministration;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The account list's owner, industry and region menus, kept per scope for a few seconds
 * (decision 0051): a reader's menus hold what lies in their scope and nothing of anyone
 * else's, even right after someone with a wider scope filled theirs, and an account
 * written through the application shows in them on the next request.
 */
abstract class AccountListMenusTests extends ApiTestSupport {

	@Autowired
	UserAdministration administration;

	@Autowired
	Users users;

	private String kam;

	private String colleague;

	private String sharer;

	private String director;

	private String manager;

	private String team;

	private String ownIndustry;

	private String colleagueIndustry;

	private String sharedIndustry;

	private String colleagueRegion;

	@BeforeAll
	void twoBooksAndOneSharedAccount() {
		// The owners' menu is read as their manager: the director's scope holds every
		// owner of the shared database, too many for a menu (see below).
		this.manager = this.given.manager();
		this.team = this.given.team(this.manager);
		this.kam = this.given.kam(this.team, this.manager);
		this.colleague = this.given.kam(this.team, this.manager);
		this.sharer = this.given.kam(this.team, this.manager);
		this.director = this.given.director();
		this.ownIndustry = Fixtures.unique("Own industry");
		this.colleagueIndustry = Fixtures.unique("Colleague industry");
		this.sharedIndustry = Fixtures.unique("Shared industry");
		this.colleagueRegion = Fixtures.unique("Colleague region");
		this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Menus own"), "owner", this.kam, "industry", this.ownIndustry));
		this.given.account(Api.ADMIN, json("name", Fixtures.unique("Menus colleague"), "owner", this.colleague,
				"industry", this.colleagueIndustry, "region", this.colleagueRegion));
		this.given.account(Api.ADMIN, json("name", Fixtures.unique("Menus shared"), "owner", this.sharer, "industry",
				this.sharedIndustry, "team", List.of(this.kam)));
	}

	@Test
	void aKamsMenusHoldTheirScopeOnlyAfterTheDirectorsWereFilled() {
		String everything = this.api.page(this.director, "/accounts").expect(200).text();
		assertThat(options(this.api.page(this.manager, "/accounts").expect(200).text(), "owner")).contains(this.kam,
				this.colleague, this.sharer);
		assertThat(options(everything, "industry")).contains(this.ownIndustry, this.colleagueIndustry,
				this.sharedIndustry);

		String mine = this.api.page(this.kam, "/accounts").expect(200).text();

		// The owner of an account shared with the KAM is one the KAM's list can show.
		assertThat(options(mine, "owner")).containsExactlyInAnyOrder(this.kam, this.sharer);
		assertThat(options(mine, "industry")).contains(this.ownIndustry, this.sharedIndustry)
			.doesNotContain(this.colleagueIndustry);
		assertThat(options(mine, "region")).doesNotContain(this.colleagueRegion);
		String colleagues = this.api.page(this.colleague, "/accounts").expect(200).text();
		assertThat(options(colleagues, "owner")).containsExactly(this.colleague);
		assertThat(options(colleagues, "industry")).containsExactly(this.colleagueIndustry);
	}

	@Test
	void anAccountWrittenShowsInTheMenusOnTheNextRequest() {
		String before = Fixtures.unique("Industry before");
		Response account = this.given.account(Api.ADMIN,
				json("name", Fixtures.unique("Menus edited"), "owner", this.kam, "industry", before));
		assertThat(options(this.api.page(this.kam, "/accounts").expect(200).text(), "industry")).contains(before);
		this.api.page(this.director, "/accounts").expect(200);
		String after = Fixtures.unique("Industry after");
		String region = Fixtures.unique("New region");

		this.api
			.put(Api.ADMIN, "/api/v1/accounts/" + account.id(), json("name", account.text("name"), "owner", this.kam,
					"industry", after, "region", region, "version", account.version()))
			.expect(200);
		this.api.page(this.manager, "/accounts").expect(200);
		String newcomer = this.given.kam(this.team, this.manager);
		this.given.accountOwnedBy(newcomer, Fixtures.unique("Menus newcomer"));

		String mine = this.api.page(this.kam, "/accounts").expect(200).text();
		assertThat(options(mine, "industry")).contains(after).doesNotContain(before);
		assertThat(options(mine, "region")).contains(region);
		assertThat(options(this.api.page(this.manager, "/accounts").expect(200).text(), "owner")).contains(newcomer);
	}

	@Test
	void anOwnerRenamedOrDeactivatedShowsInTheMenuOnTheNextRequest() {
		String owner = this.given.kam(this.team, this.manager);
		this.given.accountOwnedBy(owner, Fixtures.unique("Menus renamed"));
		assertThat(options(this.api.page(this.manager, "/accounts").expect(200).text(), "owner")).contains(owner);
		UserSummary before = this.users.findByUsername(owner).orElseThrow();
		String newName = Fixtures.unique("Renamed owner");

		this.administration.update(before.id(), before.version(), newName, before.email(), before.role(),
				before.teamName(), before.managerUsername());

		String renamed = this.api.page(this.manager, "/accounts").expect(200).text();
		assertThat(renamed).contains("<option value=\"" + owner + "\">" + newName + "</option>");

		this.administration.deactivate(before.id(), Api.ADMIN);

		assertThat(options(this.api.page(this.manager, "/accounts").expect(200).text(), "owner")).doesNotContain(owner);

		this.administration.activate(before.id());

		assertThat(options(this.api.page(this.manager, "/accounts").expect(200).text(), "owner")).contains(owner);
	}

	/**
	 * Beyond fifty owners the owner is searched for by name, on the account list and the
	 * contact list alike; the owner chosen shows by name in the search box.
	 */
	@Test
	void aScopeOfMoreOwnersThanAMenuHoldsSearchesForTheOwnerByName() {
		String lead = this.given.manager();
		String big = this.given.team(lead);
		List<String> owners = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			String owner = this.given.kam(big, lead);
			this.given.accountOwnedBy(owner, Fixtures.unique("Menus many"));
			owners.add(owner);
		}
		String chosen = owners.get(17);
		for (String list : List.of("/accounts", "/contacts")) {
			String page = this.api.page(lead, list + "?owner=" + chosen).expect(200).text();
			assertThat(page).as(list)
				.doesNotContain("<select class=\"form-select\" name=\"owner\"")
				.containsPattern("<input type=\"hidden\" name=\"owner\" value=\"" + chosen + "\" data-picker-value>")
				.containsPattern("id=\"owner-filter\"[^>]*value=\"Test " + chosen + "\"")
				.contains("hx-get=\"/users/picker?mine=true\"");
		}
		// Fifty owners keep the menu.
		this.administration.deactivate(this.users.findByUsername(owners.get(50)).orElseThrow().id(), Api.ADMIN);
		assertThat(options(this.api.page(lead, "/accounts").expect(200).text(), "owner"))
			.containsExactlyInAnyOrderElementsOf(owners.subList(0, 50));
	}

	/** The values of a menu of the list's filter form, without its "all" entry. */
	private static List<String> options(String page, String menu) {
		Matcher select = Pattern.compile("<select[^>]*name=\"" + menu + "\"[^>]*>(.*?)</select>", Pattern.DOTALL)
			.matcher(page);
		assertThat(select.find()).as("the %s menu", menu).isTrue();
		List<String> values = new ArrayList<>();
		Matcher option = Pattern.compile("<option value=\"([^\"]+)\"").matcher(select.group(1));
		while (option.find()) {
			values.add(option.group(1));
		}
		return values;
	}

}
