package io.dakehu.support;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.support.Api.Response;

import static io.dakehu.support.Api.json;

/**
 * Named ways to put people and accounts in place through the API as the administrator.
 * Every name carries a unique suffix, so tests never depend on each other's data.
 */
public final class Fixtures {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static final String RUN = Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);

	private final Api api;

	public Fixtures(Api api) {
		this.api = api;
	}

	/** A name no other test uses, such as {@code kam-x1y-17}. */
	public static String unique(String prefix) {
		return prefix + "-" + RUN + "-" + COUNTER.incrementAndGet();
	}

	public String kam(String team, String manager) {
		return user("KAM", team, manager);
	}

	public String kam() {
		return user("KAM", null, null);
	}

	public String manager() {
		return user("MANAGER", null, null);
	}

	public String director() {
		return user("DIRECTOR", null, null);
	}

	public String user(String role, String team, String manager) {
		String username = unique(role.toLowerCase());
		this.api
			.post(Api.ADMIN, "/api/v1/users",
					json("username", username, "displayName", "Test " + username, "email", username + "@example.com",
							"password", Api.USER_PASSWORD, "role", role, "team", team, "manager", manager))
			.expect(201);
		return username;
	}

	/** A team led by the given manager; returns its name. */
	public String team(String manager) {
		String name = unique("team");
		this.api.post(Api.ADMIN, "/api/v1/teams", json("name", name, "manager", manager)).expect(201);
		return name;
	}

	/** An account created by {@code creator} with the given fields (name required). */
	public Response account(String creator, Map<String, Object> fields) {
		return this.api.post(creator, "/api/v1/accounts", fields).expect(201);
	}

	/** An account owned by {@code owner}, created by the administrator. */
	public Response accountOwnedBy(String owner, String name) {
		return account(Api.ADMIN, json("name", name, "owner", owner));
	}

	public Response contact(String creator, long accountId, String name) {
		return this.api.post(creator, "/api/v1/accounts/" + accountId + "/contacts", json("name", name)).expect(201);
	}

	public Response activity(String creator, long accountId, String summary) {
		return this.api
			.post(creator, "/api/v1/accounts/" + accountId + "/activities",
					json("type", "VISIT", "occurredAt", "2026-01-15T10:00:00", "summary", summary))
			.expect(201);
	}

}
