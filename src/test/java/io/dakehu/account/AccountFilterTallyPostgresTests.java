package io.dakehu.account;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owners' tallies of the list's filtered columns (decision 0068) follow every way an
 * account changes — the API's create, edit, transfer, archive, return to the pool and
 * merge, and statements writing the table straight (a bulk load, the nightly status
 * sweep, a delete) — and the list's total of a filter is the number of matching accounts
 * the reader sees, counted here on the accounts themselves.
 */
@PostgresIntegrationTest
class AccountFilterTallyPostgresTests extends ApiTestSupport {

	@Autowired
	AccountFilterTally tally;

	private final String industry = Fixtures.unique("Tallied");

	private final String north = Fixtures.unique("North");

	private final String south = Fixtures.unique("South");

	@Test
	void theTalliesFollowEveryWriteAndGiveTheListsTotals() {
		String kam = this.given.kam();
		String other = this.given.kam();
		long a1 = create(kam, this.north, "ACTIVE", "STRATEGIC");
		long a2 = create(kam, this.north, "PROSPECT", null);
		long a3 = create(kam, this.south, "ACTIVE", null);
		long b1 = create(other, this.north, "ACTIVE", "ECONOMIC");
		long b2 = create(other, this.south, "DORMANT", null);
		long b3 = create(other, this.north, "ACTIVE", null);

		// Edited: a2 moves south; a3 goes to the other KAM.
		edit(a2, json("region", this.south));
		edit(a3, json("owner", other));
		// Archived, returned to the pool, merged (b3 into b1: the absorbed account's
		// owner joins b1's team, so the other KAM is still in it and kam is not).
		this.api.delete(kam, "/api/v1/accounts/" + a1).expect(204);
		this.api.post(other, "/api/v1/accounts/" + b2 + "/return-to-pool", json("reason", "Moved away")).expect(200);
		this.api
			.post(Api.ADMIN, "/api/v1/accounts/" + b3 + "/merge",
					json("into", b1, "version", this.api.version(Api.ADMIN, "/api/v1/accounts/" + b3)))
			.expect(200);
		// Shared with kam through the account team.
		edit(b1, json("team", List.of(kam)));
		// Written straight into the table: forty accounts as a bulk load does, half of
		// them then swept from active to dormant, five deleted.
		this.jdbc
			.sql("""
					insert into account (name, name_key, industry, region, owner_id, status, archived, created_at, updated_at,
					                     version)
					select 'Bulk ' || x, 'bulk ' || x, :industry, :region, u.id, 'ACTIVE', false, current_timestamp,
					       current_timestamp, 1
					from generate_series(1, 40) as g(x) cross join app_user u where u.username = :kam""")
			.param("industry", this.industry)
			.param("region", this.north)
			.param("kam", kam)
			.update();
		this.jdbc.sql("""
				update account set status = 'DORMANT'
				where industry = :industry and name like 'Bulk %' and cast(substring(name, 6) as int) % 2 = 0""")
			.param("industry", this.industry)
			.update();
		this.jdbc
			.sql("delete from account where industry = :industry and name in ('Bulk 1', 'Bulk 2', 'Bulk 3', "
					+ "'Bulk 4', 'Bulk 5')")
			.param("industry", this.industry)
			.update();

		assertThat(tallied()).as("the tally, as changes").isEqualTo(counted());
		this.tally.fold();
		assertThat(tallied()).as("the tally, folded").isEqualTo(counted());
		assertThat(this.jdbc.sql("""
				select count(*) from account_filter_tally where industry = :industry
				group by owner_id, archived, region, status, key_account_type order by 1 desc limit 1""")
			.param("industry", this.industry)
			.query(Long.class)
			.single()).as("one row per combination after the fold").isEqualTo(1);

		for (String reader : List.of(kam, other, Api.ADMIN)) {
			for (String filter : List.of("", "&region=" + this.north, "&region=" + this.south, "&status=ACTIVE",
					"&status=DORMANT&region=" + this.north, "&type=STRATEGIC", "&type=ECONOMIC&status=ACTIVE",
					"&archived=true", "&owner=" + other, "&owner=" + kam + "&status=ACTIVE")) {
				Response page = this.api.get(reader, "/api/v1/accounts?size=3&industry=" + this.industry + filter)
					.expect(200);
				assertThat(page.totalElements()).as(reader + filter).isEqualTo(seen(reader, filter));
			}
		}
		assertThat(seen(kam, "&region=" + this.north)).as("kam's north: 35 bulk, a shared one").isEqualTo(36);
	}

	private long create(String owner, String region, String status, String type) {
		Map<String, Object> fields = new HashMap<>(json("name", Fixtures.unique("Tallied account"), "owner", owner,
				"industry", this.industry, "region", region, "status", status));
		if (type != null) {
			fields.put("keyAccountType", type);
		}
		return this.given.account(Api.ADMIN, fields).id();
	}

	/** An edit of the fields given, the others sent back as they are. */
	private void edit(long id, Map<String, Object> changes) {
		Response current = this.api.get(Api.ADMIN, "/api/v1/accounts/" + id).expect(200);
		Map<String, Object> body = new HashMap<>();
		for (String field : List.of("name", "industry", "region", "owner", "status", "keyAccountType")) {
			body.put(field, current.text(field));
		}
		body.put("version", current.version());
		body.putAll(changes);
		this.api.put(Api.ADMIN, "/api/v1/accounts/" + id, body).expect(200);
	}

	/** The tally's rows of the industry, summed per owner and combination. */
	private Map<String, Long> tallied() {
		return sums("""
				select owner_id || '/' || archived || '/' || region || '/' || status || '/' || key_account_type,
				       sum(accounts)
				from account_filter_tally where industry = :industry
				group by owner_id, archived, region, status, key_account_type having sum(accounts) <> 0""");
	}

	/** The same, counted on the listed accounts, everyone's under owner 0. */
	private Map<String, Long> counted() {
		return sums("""
				select o.owner_id || '/' || a.archived || '/' || coalesce(a.region, '') || '/' || a.status || '/'
				       || coalesce(a.key_account_type, ''), count(*)
				from account a cross join lateral (values (a.owner_id), (0)) o (owner_id)
				where a.industry = :industry and a.owner_id is not null and a.merged_into is null
				group by o.owner_id, a.archived, a.region, a.status, a.key_account_type""");
	}

	private Map<String, Long> sums(String sql) {
		Map<String, Long> sums = new HashMap<>();
		this.jdbc.sql(sql).param("industry", this.industry).query((rs) -> {
			sums.put(rs.getString(1), rs.getLong(2));
		});
		return sums;
	}

	/**
	 * How many of the industry's accounts meet the filter that the reader sees: owned or
	 * shared with them, every one for the administrator; live unless the filter asks for
	 * the archived.
	 */
	private long seen(String reader, String filter) {
		Map<String, String> conditions = new HashMap<>();
		for (String pair : filter.split("&")) {
			if (!pair.isEmpty()) {
				conditions.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		return this.jdbc.sql("""
				select count(*) from account a
				where a.industry = :industry and a.merged_into is null and a.owner_id is not null
				  and a.archived = :archived
				  and (:region = '' or a.region = :region) and (:status = '' or a.status = :status)
				  and (:type = '' or a.key_account_type = :type)
				  and (:owner = '' or a.owner_id = (select id from app_user where username = :owner))
				  and (:reader = 'admin'
				       or a.owner_id = (select id from app_user where username = :reader)
				       or a.id in (select m.account_id from account_team_member m join app_user u on u.id = m.user_id
				                   where u.username = :reader))""")
			.param("industry", this.industry)
			.param("archived", Boolean.parseBoolean(conditions.getOrDefault("archived", "false")))
			.param("region", conditions.getOrDefault("region", ""))
			.param("status", conditions.getOrDefault("status", ""))
			.param("type", conditions.getOrDefault("type", ""))
			.param("owner", conditions.getOrDefault("owner", ""))
			.param("reader", reader)
			.query(Long.class)
			.single();
	}

}
