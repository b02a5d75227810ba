package io.dakehu.identity;

import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.SignedIn;
import io.dakehu.support.SignedIn.Page;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator's deactivation, demotion or password reset bites on the user's very
 * next request, in an open browser session as over HTTP Basic.
 */
abstract class SessionsFollowTheAdminTests extends ApiTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	SignInStates states;

	@Test
	void aDeactivatedUsersOpenSessionIsSentToTheLoginPage() {
		String kam = this.given.kam();
		SignedIn session = SignedIn.as(this.port, kam, Api.USER_PASSWORD);
		assertThat(session.get("/accounts", "en").status()).isEqualTo(200);
		assertThat(sessionsOf(kam)).isEqualTo(1);

		adminSession().post("/admin/users/" + UserRows.id(this.jdbc, kam) + "/deactivate", Map.of());

		assertThat(sessionsOf(kam)).isZero();
		Page next = session.get("/accounts", "en");
		assertThat(next.status()).isEqualTo(302);
		assertThat(next.location()).endsWith("/login");
		assertThat(this.api.get(kam, "/api/v1/me").status()).isEqualTo(401);
	}

	@Test
	void aDemotedAdministratorsSessionCanNoLongerCreateAnAdministrator() {
		String second = this.given.user("ADMIN", null, null);
		SignedIn session = SignedIn.as(this.port, second, Api.USER_PASSWORD);
		assertThat(session.get("/admin/users", "en").status()).isEqualTo(200);
		this.api.get(second, "/api/v1/me").expect(200);

		Page demoted = adminSession().post("/admin/users/" + UserRows.id(this.jdbc, second),
				Map.of("displayName", "Demoted " + second, "email", "", "role", "KAM", "team", "", "manager", "",
						"version", Integer.toString(UserRows.version(this.jdbc, second))));
		assertThat(demoted.location()).endsWith("/admin/users");
		assertThat(roleOf(second)).isEqualTo("KAM");

		String intruder = Fixtures.unique("intruder");
		Page refused = session.post("/admin/users", Map.of("username", intruder, "displayName", "Intruder", "password",
				Api.USER_PASSWORD, "role", "ADMIN"));
		assertThat(refused.status()).isIn(302, 403);
		assertThat(refused.location()).doesNotEndWith("/admin/users");
		this.api
			.post(second, "/api/v1/users",
					json("username", intruder, "displayName", "Intruder", "password", Api.USER_PASSWORD, "role",
							"ADMIN"))
			.expect(403);
		assertThat(UserRows.named(this.jdbc, intruder)).isZero();
	}

	@Test
	void aSessionThatOutlivesARoleChangeRunsOnTheNewRole() {
		// The session row survives here (as it would for a sign-in racing the change):
		// the role is re-read on each request all the same.
		String second = this.given.user("ADMIN", null, null);
		SignedIn session = SignedIn.as(this.port, second, Api.USER_PASSWORD);
		assertThat(session.get("/admin/users", "en").status()).isEqualTo(200);

		this.jdbc.sql("update app_user set role = 'KAM' where username = ?").param(second).update();
		this.states.evict(second);

		assertThat(sessionsOf(second)).isEqualTo(1);
		assertThat(session.get("/admin/users", "en").status()).isEqualTo(403);
		String intruder = Fixtures.unique("intruder");
		assertThat(
				session
					.post("/admin/users",
							Map.of("username", intruder, "displayName", "Intruder", "password", Api.USER_PASSWORD,
									"role", "ADMIN"))
					.status())
			.isEqualTo(403);
		assertThat(UserRows.named(this.jdbc, intruder)).isZero();
		assertThat(session.get("/accounts", "en").status()).as("still signed in as a KAM").isEqualTo(200);
	}

	@Test
	void anAdministratorsPasswordResetEndsTheUsersSessions() {
		String second = this.given.user("ADMIN", null, null);
		SignedIn first = SignedIn.as(this.port, second, Api.USER_PASSWORD);
		SignedIn other = SignedIn.as(this.port, second, Api.USER_PASSWORD);
		this.api.get(second, "/api/v1/me").expect(200);
		assertThat(sessionsOf(second)).isEqualTo(2);

		String fresh = "Fresh-Pass-" + Fixtures.unique("p");
		Page reset = adminSession().post("/admin/users/" + UserRows.id(this.jdbc, second) + "/password",
				Map.of("password", fresh));
		assertThat(reset.location()).endsWith("/admin/users/" + UserRows.id(this.jdbc, second));

		assertThat(sessionsOf(second)).isZero();
		for (SignedIn session : new SignedIn[] { first, other }) {
			Page next = session.get("/admin/users", "en");
			assertThat(next.status()).isEqualTo(302);
			assertThat(next.location()).endsWith("/login");
		}
		assertThat(this.api.send(second, Api.USER_PASSWORD, "GET", "/api/v1/me", null).status())
			.as("the old password, verified a moment ago")
			.isEqualTo(401);
		assertThat(this.api.send(second, fresh, "GET", "/api/v1/me", null).status()).isEqualTo(200);
	}

	@Test
	void aKamMovedToAnotherTeamLeavesTheFormerManagersRecordsAtOnce() {
		String before = this.given.manager();
		String after = this.given.manager();
		String teamBefore = this.given.team(before);
		String teamAfter = this.given.team(after);
		String mover = this.given.kam(teamBefore, before);
		long account = this.given.accountOwnedBy(mover, Fixtures.unique("Moving")).id();
		// Both managers read before the move, so each has their team's owners remembered.
		this.api.get(before, "/api/v1/accounts/" + account).expect(200);
		this.api.get(after, "/api/v1/accounts/" + account).expect(404);

		Page moved = adminSession().post("/admin/users/" + UserRows.id(this.jdbc, mover),
				Map.of("displayName", "Moved " + mover, "email", "", "role", "KAM", "team", teamAfter, "manager", after,
						"version", Integer.toString(UserRows.version(this.jdbc, mover))));
		assertThat(moved.location()).endsWith("/admin/users");
		this.api.get(before, "/api/v1/accounts/" + account).expect(404);
		this.api.get(after, "/api/v1/accounts/" + account).expect(200);
	}

	@Test
	void aRenamedOwnerIsShownUnderTheNewNameOnTheTeamsNextPage() {
		String manager = this.given.manager();
		String kam = this.given.kam(this.given.team(manager), manager);
		String account = Fixtures.unique("Renamed owner's");
		this.given.accountOwnedBy(kam, account);
		// Read once, so the owner's summary is remembered.
		assertThat(ownerNameOn(manager, account)).isNotEqualTo("Renamed " + kam);

		Page renamed = adminSession().post("/admin/users/" + UserRows.id(this.jdbc, kam),
				Map.of("displayName", "Renamed " + kam, "email", "", "role", "KAM", "team", teamOf(kam), "manager",
						manager, "version", Integer.toString(UserRows.version(this.jdbc, kam))));
		assertThat(renamed.location()).endsWith("/admin/users");
		assertThat(ownerNameOn(manager, account)).isEqualTo("Renamed " + kam);
	}

	/** The owner's name on the team's contact plan, where the account is due today. */
	private String ownerNameOn(String manager, String account) {
		Response plan = this.api.get(manager, "/api/v1/contact-plan?scope=team&status=due&size=500").expect(200);
		return plan.body()
			.get("items")
			.valueStream()
			.filter((item) -> item.get("accountName").asString().equals(account))
			.findFirst()
			.orElseThrow()
			.get("ownerName")
			.asString();
	}

	private String teamOf(String username) {
		return this.jdbc.sql("select t.name from app_user u join team t on t.id = u.team_id where u.username = ?")
			.param(username)
			.query(String.class)
			.single();
	}

	private SignedIn adminSession() {
		return SignedIn.as(this.port, Api.ADMIN, Api.ADMIN_PASSWORD);
	}

	private long sessionsOf(String username) {
		return this.jdbc.sql("select count(*) from spring_session where principal_name = ?")
			.param(username)
			.query(Long.class)
			.single();
	}

	private String roleOf(String username) {
		return this.jdbc.sql("select role from app_user where username = ?")
			.param(username)
			.query(String.class)
			.single();
	}

}
