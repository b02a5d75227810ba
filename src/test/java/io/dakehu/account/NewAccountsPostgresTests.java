package io.dakehu.account;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static io.dakehu.support.Api.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts opened together are copied on PostgreSQL (decision 0078); each must be the row
 * the repository's own save writes for the same input — every column, the team, the first
 * version — and be found, counted and edited as any other.
 */
@PostgresIntegrationTest
class NewAccountsPostgresTests extends ApiTestSupport {

	private static final int ACCOUNTS = 60;

	@Autowired
	AccountService service;

	@Autowired
	Users users;

	@Test
	void aCopiedAccountIsTheRowASaveWrites() {
		String kam = this.given.kam();
		String member = this.given.kam();
		String industry = Fixtures.unique("Copied");
		long parent = this.given.accountOwnedBy(kam, Fixtures.unique("Parent")).id();
		List<AccountInput> copied = new ArrayList<>();
		List<AccountInput> saved = new ArrayList<>();
		for (int i = 0; i < ACCOUNTS; i++) {
			String name = industry + " 客户 " + i + ((i % 7 == 0) ? ", \"Ltd\"" : "");
			copied.add(input(i, name, "C-" + industry + "-" + i, industry, parent, kam, member));
			saved.add(input(i, name, "S-" + industry + "-" + i, industry, parent, kam, member));
		}

		List<AccountRef> refs = this.service.openAll(admin(), copied);
		List<Long> savedIds = new ArrayList<>();
		for (AccountInput input : saved) {
			// Forced: the copied account of the same name is stored already.
			savedIds.add(this.service.open(admin(), input, true).id());
		}

		assertThat(refs).hasSize(ACCOUNTS);
		for (int i = 0; i < ACCOUNTS; i++) {
			Map<String, Object> copy = row(refs.get(i).id());
			Map<String, Object> save = row(savedIds.get(i));
			boolean registered = i % 5 != 0;
			assertThat(copy.remove("registration_id")).isEqualTo(registered ? "C-" + industry + "-" + i : null);
			assertThat(save.remove("registration_id")).isEqualTo(registered ? "S-" + industry + "-" + i : null);
			assertThat(copy.remove("id")).isEqualTo(refs.get(i).id());
			save.remove("id");
			for (String time : List.of("created_at", "updated_at", "owned_since")) {
				assertThat((Timestamp) copy.remove(time)).isCloseTo((Timestamp) save.remove(time), 60_000);
			}
			assertThat(copy).as("account %d", i).isEqualTo(save);
			assertThat(copy.get("version")).isEqualTo(1);
			assertThat(team(refs.get(i).id())).isEqualTo(team(savedIds.get(i)));
		}
		assertThat(team(refs.get(1).id())).hasSize(1);

		// Counted by the filters' tally, found by the name's pieces, edited at version 1.
		assertThat(this.api.get(kam, "/api/v1/accounts?industry=" + industry).expect(200).totalElements())
			.isEqualTo(2L * ACCOUNTS);
		assertThat(this.api.get(kam, "/api/v1/accounts?q=" + industry.toLowerCase() + "%20客户%2042").expect(200).ids())
			.contains(refs.get(42).id());
		String path = "/api/v1/accounts/" + refs.get(3).id();
		this.api.put(kam, path, json("name", "Edited " + industry, "version", 0)).expect(409);
		this.api.put(kam, path, json("name", "Edited " + industry, "version", 1)).expect(200);
	}

	/**
	 * Every column of the account's row; an array (the name's pieces) as its elements.
	 */
	private Map<String, Object> row(long id) {
		Map<String, Object> row = new HashMap<>();
		this.jdbc.sql("select * from account where id = :id").param("id", id).query((rs) -> {
			for (int column = 1; column <= rs.getMetaData().getColumnCount(); column++) {
				Object value = rs.getObject(column);
				row.put(rs.getMetaData().getColumnName(column),
						(value instanceof java.sql.Array array) ? List.of((Object[]) array.getArray()) : value);
			}
		});
		return row;
	}

	private List<Long> team(long id) {
		return this.jdbc.sql("select user_id from account_team_member where account_id = :id order by user_id")
			.param("id", id)
			.query(Long.class)
			.list();
	}

	/**
	 * Every field filled or left empty in turn, text that needs quoting in CSV among
	 * them.
	 */
	private static AccountInput input(int i, String name, String registrationId, String industry, long parent,
			String owner, String member) {
		boolean some = i % 2 == 1;
		return new AccountInput(name, (i % 5 == 0) ? null : registrationId, industry, some ? "华东" : null,
				some ? "1 Road, \"Gate\" 2\nFloor 3" : null, some ? 10 + i : null,
				some ? new BigDecimal("12345678901234567.89").subtract(BigDecimal.valueOf(i)) : null,
				(i % 3 == 0) ? parent : null, owner, pick(KeyAccountType.values(), i),
				pick(RelationshipType.values(), i + 1), pick(SalesApproach.values(), i + 2),
				pick(new LifecycleStatus[] { LifecycleStatus.PROSPECT, LifecycleStatus.ACTIVE,
						LifecycleStatus.DORMANT }, i),
				some ? "Notes, \"quoted\"\n" + i : null, (i % 4 == 1) ? List.of(member) : null, null,
				(i % 3 == 2) ? null : some, null);
	}

	/** The enum's values in turn, with none among them. */
	private static <T> T pick(T[] values, int i) {
		int at = i % (values.length + 1);
		return (at == values.length) ? null : values[at];
	}

	private CurrentUser admin() {
		UserSummary admin = this.users.findByUsername(Api.ADMIN).orElseThrow();
		return new CurrentUser(admin.id(), Api.ADMIN, admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
	}

}
