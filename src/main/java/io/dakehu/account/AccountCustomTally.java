package io.dakehu.account;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Folds the changes the triggers write into {@code account_custom_tally} (decision 0062,
 * PostgreSQL only) into one row per owner, value and archived flag, every minute
 * ({@code dakehu.custom-tally.fold-cron}; {@code -} switches it off): a list's total sums
 * the rows of its owners, so they must stay few. The sum is the same before and after,
 * and a reader sees one or the other, never half; changes written meanwhile are new rows
 * the fold leaves for the next. ShedLock keeps two instances from folding at once; even
 * then each would sum only the rows it deleted.
 */
@Component
class AccountCustomTally {

	private final JdbcClient jdbc;

	private final boolean postgres;

	AccountCustomTally(JdbcClient jdbc, JdbcDialect dialect) {
		this.jdbc = jdbc;
		this.postgres = dialect instanceof JdbcPostgresDialect;
	}

	@Scheduled(cron = "${dakehu.custom-tally.fold-cron:0 * * * * *}")
	@SchedulerLock(name = "account-custom-tally-fold", lockAtMostFor = "PT10M")
	@Transactional
	public void fold() {
		if (!this.postgres) {
			return;
		}
		this.jdbc.sql("""
				with folded as (
				    select field_key, value, owner_id, archived from account_custom_tally
				    group by field_key, value, owner_id, archived having count(*) > 1),
				gone as (
				    delete from account_custom_tally t using folded f
				    where t.field_key = f.field_key and t.value = f.value and t.owner_id = f.owner_id
				      and t.archived = f.archived
				    returning t.field_key, t.value, t.owner_id, t.archived, t.accounts)
				insert into account_custom_tally (field_key, value, owner_id, archived, accounts)
				select field_key, value, owner_id, archived, sum(accounts) from gone
				group by field_key, value, owner_id, archived having sum(accounts) <> 0""").update();
	}

}
