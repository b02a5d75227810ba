package io.dakehu.segmentation;

import io.dakehu.account.AccountsMerged;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Moves a strategic pin and a known yearly spend of an account absorbed by a merge to the
 * survivor, unless the survivor has its own, which wins. Snapshots stay as they were:
 * they record past runs, and the next run ranks the survivor with the purchases it
 * received. Runs synchronously inside the merge's transaction, so the merge commits whole
 * or not at all.
 */
@Component
class SegmentationFollowsMergedAccount {

	private final JdbcClient jdbc;

	SegmentationFollowsMergedAccount(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(AccountsMerged merged) {
		for (String table : new String[] { "segmentation_pin", "segmentation_wallet" }) {
			this.jdbc
				.sql("update " + table + " set account_id = :survivor where account_id = :absorbed"
						+ " and not exists (select 1 from " + table + " kept where kept.account_id = :survivor)")
				.param("survivor", merged.survivorId())
				.param("absorbed", merged.absorbedId())
				.update();
			this.jdbc.sql("delete from " + table + " where account_id = :absorbed")
				.param("absorbed", merged.absorbedId())
				.update();
		}
	}

}
