package io.dakehu.identity;

import java.util.Map;

import io.dakehu.shared.RuleViolationException;
import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import io.dakehu.support.Simultaneous;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users and teams over the API: only administrators create them, everyone can ask who
 * they are and set their own e-mail address.
 */
abstract class UsersApiTests extends ApiTestSupport {

	@LocalServerPort
	private int port;

	@Autowired
	private UserAdministration administration;

	@Autowired
	private PlatformTransactionManager transactions;

	@Test
	void theFirstAdministratorHasThePasswordFromConfiguration() {
		Response me = this.api.get(Api.ADMIN, "/api/v1/me").expect(200);
		assertThat(me.text("username")).isEqualTo("admin");
		assertThat(me.text("role")).isEqualTo("ADMIN");
		assertThat(this.api.send(Api.ADMIN, "not-the-admin-password", "GET", "/api/v1/me", null).status())
			.isEqualTo(401);
	}

	@Test
	void meReturnsTheCallerWithTeamAndManager() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		String kam = this.given.kam(team, manager);
		Response me = this.api.get(kam, "/api/v1/me").expect(200);
		assertThat(me.text("username")).isEqualTo(kam);
		assertThat(me.text("displayName")).isEqualTo("Test " + kam);
		assertThat(me.text("email")).isEqualTo(kam + "@example.com");
		assertThat(me.text("role")).isEqualTo("KAM");
		assertThat(me.text("team")).isEqualTo(team);
		assertThat(me.text("manager")).isEqualTo(manager);
	}

	@Test
	void anAdministratorCreatesAUserWith201AndLocation() {
		String username = Fixtures.unique("new.user");
		Response created = this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", "张伟", "email", "zw@example.cn", "password",
							Api.USER_PASSWORD, "role", "DIRECTOR"))
			.expect(201);
		assertThat(created.location()).contains("/api/v1/users/" + created.id());
		Response read = this.api.get(Api.ADMIN, created.location().orElseThrow()).expect(200);
		assertThat(read.text("username")).isEqualTo(username);
		assertThat(read.text("displayName")).isEqualTo("张伟");
		assertThat(read.text("role")).isEqualTo("DIRECTOR");
		assertThat(read.body().get("active").asBoolean()).isTrue();
		assertThat(read.body().has("passwordHash")).isFalse();
		this.api.get(username, "/api/v1/me").expect(200);
	}

	@Test
	void nonAdministratorsMayNotCreateUsers() {
		for (String caller : new String[] { this.given.kam(), this.given.director(), this.given.manager() }) {
			String username = Fixtures.unique("intruder");
			this.api
				.post(caller, "/api/v1/users",
						json("username", username, "displayName", "Intruder", "password", Api.USER_PASSWORD, "role",
								"ADMIN"))
				.expect(403);
			assertThat(usersNamed(username)).as("created by %s", caller).isZero();
		}
	}

	@Test
	void nonAdministratorsMayNotCreateTeams() {
		String name = Fixtures.unique("rogue-team");
		this.api.post(this.given.kam(), "/api/v1/teams", json("name", name)).expect(403);
		assertThat(this.jdbc.sql("select count(*) from team where name = ?").param(name).query(Long.class).single())
			.isZero();
	}

	@Test
	void aUsernameOrTeamAddedTwiceAtOnceIsRefusedByItsFieldTheSecondTime() throws Exception {
		String username = Fixtures.unique("twin");
		NewUser twin = new NewUser(username, "Twin", null, Api.USER_PASSWORD, Role.KAM, null, null);
		Simultaneous.Outcome<UserSummary> secondUser = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.administration.create(twin), () -> this.administration.create(twin));
		assertThat(secondUser.failure()).isInstanceOf(RuleViolationException.class)
			.hasMessage("username: validation.duplicate");
		assertThat(usersNamed(username)).isEqualTo(1);

		String team = Fixtures.unique("Twin team");
		Simultaneous.Outcome<TeamSummary> secondTeam = Simultaneous.secondWhileFirstUncommitted(this.transactions,
				() -> this.administration.createTeam(team, null), () -> this.administration.createTeam(team, null));
		assertThat(secondTeam.failure()).isInstanceOf(RuleViolationException.class)
			.hasMessage("name: validation.duplicate");
	}

	@Test
	void rejectsADuplicateUsername() {
		String existing = this.given.kam();
		Response refused = this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", existing, "displayName", "Twin", "password", Api.USER_PASSWORD, "role", "KAM"))
			.expect(400);
		assertThat(refused.errorFields()).containsExactly("username");
		assertThat(usersNamed(existing)).isEqualTo(1);
		assertThat(this.api.get(Api.ADMIN, "/api/v1/me").expect(200).text("username")).isEqualTo("admin");
	}

	@Test
	void rejectsAShortPasswordAnUnknownTeamAndABadUsername() {
		String username = Fixtures.unique("weak");
		assertThat(this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", "Weak", "password", "short", "role", "KAM"))
			.expect(400)
			.errorFields()).containsExactly("password");
		assertThat(this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", "Lost", "password", Api.USER_PASSWORD, "role", "KAM",
							"team", Fixtures.unique("no-such-team")))
			.expect(400)
			.errorFields()).containsExactly("team");
		assertThat(this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", "has space", "displayName", "Spacey", "password", Api.USER_PASSWORD, "role",
							"KAM"))
			.expect(400)
			.errorFields()).containsExactly("username");
		assertThat(usersNamed(username)).isZero();
		assertThat(usersNamed("has space")).isZero();
	}

	@Test
	void anAdministratorCreatesATeamWithItsManager() {
		String manager = this.given.manager();
		String team = this.given.team(manager);
		this.given.kam(team, manager);
		Response teams = this.api.get(this.given.kam(), "/api/v1/teams").expect(200);
		assertThat(teams.items()).filteredOn((node) -> node.get("name").asString().equals(team))
			.singleElement()
			.satisfies((node) -> {
				assertThat(node.get("managerUsername").asString()).isEqualTo(manager);
				assertThat(node.get("members").asInt()).isEqualTo(1);
			});
	}

	@Test
	void rejectsADuplicateTeamName() {
		String team = this.given.team(null);
		Response refused = this.api.post(Api.ADMIN, "/api/v1/teams", json("name", team)).expect(400);
		assertThat(refused.errorFields()).containsExactly("name");
	}

	@Test
	void passwordsBreakingThePolicyAnswer400NamingTheFieldNever500() {
		String username = Fixtures.unique("policy");
		for (String password : new String[] { "长".repeat(25), "x".repeat(500), "password", "12345678",
				"my-" + username + "-pw", "short" }) {
			Response refused = this.api
				.post(Api.ADMIN, "/api/v1/users",
						json("username", username, "displayName", "Policy", "password", password, "role", "KAM"))
				.expect(400);
			assertThat(refused.errorFields()).as(password).containsExactly("password");
		}
		assertThat(usersNamed(username)).isZero();
		Response tooLong = this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", "Policy", "password", "长".repeat(25), "role", "KAM"))
			.expect(400);
		assertThat(tooLong.text()).contains("72 bytes");
		this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", "Policy", "password", "长城脚下的第一杯咖啡", "role", "KAM"))
			.expect(201);
		this.api.send(username, "长城脚下的第一杯咖啡", "GET", "/api/v1/me", null).expect(200);
	}

	@Test
	void colleaguesSeeWhatAPickerNeedsAndAdministratorsTheDirectory() {
		String kam = this.given.kam();
		String gone = this.given.kam();
		long goneId = this.jdbc.sql("select id from app_user where username = ?")
			.param(gone)
			.query(Long.class)
			.single();
		this.jdbc.sql("update app_user set active = false where username = ?").param(gone).update();

		Response colleagues = this.api.get(kam, "/api/v1/users").expect(200);
		assertThat(colleagues.items()).allSatisfy((node) -> assertThat(node.propertyNames())
			.containsExactlyInAnyOrder("id", "username", "displayName", "team"));
		assertThat(colleagues.items()).extracting((node) -> node.get("username").asString())
			.contains(kam, "admin")
			.doesNotContain(gone);
		this.api.get(kam, "/api/v1/users/" + goneId).expect(404);

		Response directory = this.api.get(Api.ADMIN, "/api/v1/users").expect(200);
		assertThat(directory.items()).extracting((node) -> node.get("username").asString()).contains(kam, gone);
		assertThat(directory.items().get(0).has("email")).isTrue();
		assertThat(this.api.get(Api.ADMIN, "/api/v1/users/" + goneId).expect(200).body().get("active").asBoolean())
			.isFalse();
	}

	@Test
	void aUserSetsTheirOwnEmailAddressOverTheApiAndOnTheirProfile() {
		String kam = this.given.kam();
		Response me = this.api.get(kam, "/api/v1/me").expect(200);
		String changed = kam + ".new@example.com";

		Response bad = this.api.put(kam, "/api/v1/me", json("email", "not an address", "version", me.version()))
			.expect(400);
		assertThat(bad.errorFields()).containsExactly("email");
		assertThat(bad.text("detail")).contains("E-mail");
		Response saved = this.api.put(kam, "/api/v1/me", json("email", changed, "version", me.version())).expect(200);
		assertThat(saved.text("email")).isEqualTo(changed);
		assertThat(saved.text("role")).isEqualTo("KAM");
		this.api.put(kam, "/api/v1/me", json("email", "stale@example.com", "version", me.version())).expect(409);
		assertThat(this.api.get(kam, "/api/v1/me").expect(200).text("email")).isEqualTo(changed);
		assertThat(this.jdbc.sql("""
				select new_value from audit_log
				where entity_type = 'User' and field = 'email' and action = 'UPDATE' and actor = :kam""")
			.param("kam", kam)
			.query(String.class)
			.list()).containsExactly(changed);

		// The same on My profile: a bad address is refused beside its field, in the
		// reader's language; an empty one means no e-mail.
		SignedIn session = SignedIn.as(this.port, kam, Api.USER_PASSWORD);
		SignedIn.Page refused = session.post("/profile/email",
				Map.of("email", "nobody@", "version", String.valueOf(saved.version())));
		assertThat(refused.status()).isEqualTo(200);
		Document page = Jsoup.parse(refused.text());
		assertThat(page.select("#email.is-invalid")).hasSize(1);
		assertThat(page.select("#email-form .invalid-feedback").text()).contains("e-mail address");
		assertThat(this.api.get(kam, "/api/v1/me").expect(200).text("email")).isEqualTo(changed);
		SignedIn.Page cleared = session.post("/profile/email",
				Map.of("email", "", "version", String.valueOf(saved.version())));
		assertThat(cleared.location()).endsWith("/profile");
		assertThat(this.api.get(kam, "/api/v1/me").expect(200).body().get("email").isNull()).isTrue();
		assertThat(session.get("/profile", "zh-CN").text()).contains("留空则不接收邮件");
	}

	private long usersNamed(String username) {
		return this.jdbc.sql("select count(*) from app_user where username = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

}
