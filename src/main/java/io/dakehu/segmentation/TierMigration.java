package io.dakehu.segmentation;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.RecordScope;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Tier migration between two stored runs, within the reader's record scope: the counts
 * per pair of tiers for the chart and the accounts that moved for the list behind it.
 * Apart from {@link Snapshots} because it compares two runs where everything else reads
 * one, and its "in" and "out" (not ranked in one of them) have no place in a single run.
 */
@Service
@Transactional(readOnly = true)
public class TierMigration {

	private final JdbcClient jdbc;

	private final SegmentationRuns runs;

	private final AccountQueries accounts;

	TierMigration(JdbcClient jdbc, SegmentationRuns runs, AccountQueries accounts) {
		this.jdbc = jdbc;
		this.runs = runs;
		this.accounts = accounts;
	}

	/**
	 * Tier migration between two runs among the reader's accounts: counts per (earlier
	 * tier, later tier), where a null tier means the account was not ranked in that run
	 * (in or out).
	 */
	public List<Movement> migration(RecordScope scope, long fromRun, long toRun) {
		this.runs.summary(fromRun);
		this.runs.summary(toRun);
		AccountScopeSql later = AccountScopeSql.of(scope, "b.account_id");
		AccountScopeSql earlier = AccountScopeSql.of(scope, "a.account_id");
		List<Movement> moves = new ArrayList<>();
		String sql = """
				select a.tier, b.tier, count(*) from segmentation_snapshot b
				left join segmentation_snapshot a on a.run_id = :fromRun and a.account_id = b.account_id
				where b.run_id = :toRun and %s group by a.tier, b.tier
				union all
				select a.tier, null, count(*) from segmentation_snapshot a
				where a.run_id = :fromRun and %s
				  and not exists (select 1 from segmentation_snapshot b where b.run_id = :toRun and b.account_id = a.account_id)
				group by a.tier"""
			.formatted(later.condition(), earlier.condition());
		this.jdbc.sql(sql)
			.params(later.params())
			.param("fromRun", fromRun)
			.param("toRun", toRun)
			.query((ResultSet rs) -> {
				moves.add(new Movement(tier(rs.getString(1)), tier(rs.getString(2)), rs.getLong(3)));
			});
		return moves;
	}

	/**
	 * The reader's accounts that changed tier between two runs (optionally from and to
	 * given tiers; "in" and "out" as null), best later rank first.
	 */
	public List<Move> movers(RecordScope scope, long fromRun, long toRun, String fromTier, String toTier, int limit) {
		this.runs.summary(fromRun);
		this.runs.summary(toRun);
		AccountScopeSql later = AccountScopeSql.of(scope, "b.account_id");
		AccountScopeSql earlier = AccountScopeSql.of(scope, "a.account_id");
		Map<String, Object> params = new HashMap<>(later.params());
		params.put("fromRun", fromRun);
		params.put("toRun", toRun);
		params.put("limit", limit);
		StringBuilder filterLater = new StringBuilder();
		StringBuilder filterEarlier = new StringBuilder();
		boolean wantsOut = "OUT".equals(toTier);
		boolean wantsIn = "IN".equals(fromTier);
		if (StringUtils.hasText(fromTier) && !wantsIn) {
			filterLater.append(" and a.tier = :fromTier");
			filterEarlier.append(" and a.tier = :fromTier");
			params.put("fromTier", Tier.valueOf(fromTier).name());
		}
		if (wantsIn) {
			filterLater.append(" and a.tier is null");
		}
		if (StringUtils.hasText(toTier) && !wantsOut) {
			filterLater.append(" and b.tier = :toTier");
			params.put("toTier", Tier.valueOf(toTier).name());
		}
		List<Move> moves = new ArrayList<>();
		String sql = """
				select b.account_id, a.tier as from_tier, b.tier as to_tier, a.rank_no as from_rank, b.rank_no as to_rank
				from segmentation_snapshot b
				left join segmentation_snapshot a on a.run_id = :fromRun and a.account_id = b.account_id
				where b.run_id = :toRun and %s and (a.tier is null or a.tier <> b.tier)%s"""
			.formatted(later.condition(), filterLater);
		String out = """
				select a.account_id, a.tier as from_tier, null as to_tier, a.rank_no as from_rank, null as to_rank
				from segmentation_snapshot a
				where a.run_id = :fromRun and %s%s
				  and not exists (select 1 from segmentation_snapshot b where b.run_id = :toRun and b.account_id = a.account_id)
				"""
			.formatted(earlier.condition(), filterEarlier);
		String query = wantsOut ? out : (StringUtils.hasText(toTier) || wantsIn) ? sql : sql + " union all " + out;
		this.jdbc.sql("select * from (" + query + ") m order by m.to_rank, m.from_rank limit :limit")
			.params(params)
			.query((ResultSet rs) -> {
				moves.add(new Move(rs.getLong(1), null, tier(rs.getString(2)), tier(rs.getString(3)),
						rs.getObject(4, Long.class), rs.getObject(5, Long.class)));
			});
		Map<Long, String> names = this.accounts.names(moves.stream().map(Move::accountId).toList());
		return moves.stream()
			.map((m) -> new Move(m.accountId(), names.get(m.accountId()), m.from(), m.to(), m.fromRank(), m.toRank()))
			.toList();
	}

	private static Tier tier(String code) {
		return (code != null) ? Tier.valueOf(code.strip()) : null;
	}

	/** How many accounts went from one tier to another; null is "not ranked". */
	public record Movement(Tier from, Tier to, long accounts) {
	}

	/** One account that changed tier. */
	public record Move(long accountId, String accountName, Tier from, Tier to, Long fromRank, Long toRank) {

		/** Up means towards VIP; entering counts as up, leaving as down. */
		public boolean up() {
			if (this.from == null) {
				return true;
			}
			return this.to != null && this.to.ordinal() < this.from.ordinal();
		}

	}

}
