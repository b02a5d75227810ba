package io.dakehu.account;

import java.util.List;
import java.util.Map;

import io.dakehu.support.PostgresIntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A KAM's account list, in name or recency order, reads the owner's range of an ordered
 * index and stops after the page, instead of walking the whole company's order and
 * skipping the other owners' accounts (migration V168). The statement has the list's
 * shape; it runs against a temporary copy of the account table with all its indexes,
 * filled with 30,000 accounts of 300 owners and analysed; everything is rolled back.
 */
@PostgresIntegrationTest
class AccountOwnerListPlanPostgresTests {

	@Autowired
	NamedParameterJdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@ParameterizedTest
	@ValueSource(strings = { "a.name_key asc, a.id asc", "a.updated_at desc, a.id desc" })
	void oneOwnersPageIsReadFromTheOwnersRangeInOrder(String order) {
		new TransactionTemplate(this.transactions).executeWithoutResult((status) -> {
			status.setRollbackOnly();
			this.jdbc.update("create temporary table account_probe (like account including all) on commit drop",
					Map.of());
			this.jdbc.update("""
					insert into account_probe (id, name, name_key, match_key, owner_id, status, archived, created_at,
					                           updated_at, version)
					select x, 'Account ' || x, 'account ' || x, 'account ' || x, 1 + x % 300, 'ACTIVE', x % 10 = 0,
					       localtimestamp, localtimestamp - x * interval '1 minute', 1
					from generate_series(1, 30000) x""", Map.of());
			this.jdbc.update("analyze account_probe", Map.of());
			String sql = "select a.id from account_probe a where a.merged_into is null and a.owner_id is not null"
					+ " and a.owner_id in (:owner) and a.archived = false order by " + order + " limit 20 offset 0";
			Map<String, Object> params = Map.of("owner", 7L);

			String plan = String.join("\n", this.jdbc.queryForList("explain " + sql, params, String.class));
			String column = order.startsWith("a.name_key") ? "name_key" : "updated_at";
			assertThat(plan).containsPattern("Index Scan( Backward)? using \\S*owner_id_archived_" + column + "\\S*")
				.doesNotContain("Sort");
			List<Long> ids = this.jdbc.queryForList(sql, params, Long.class);
			assertThat(ids).hasSize(20).allSatisfy((id) -> assertThat(id % 300).isEqualTo(6L));
		});
	}

}
