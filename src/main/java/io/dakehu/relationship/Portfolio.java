package io.dakehu.relationship;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountSegments;
import io.dakehu.shared.DerivedTables;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The 25-grid across every account a reader may see: counted in the database per cell
 * (never by loading each account), then mapped to stages with the stored table.
 */
@Service
@Transactional(readOnly = true)
public class Portfolio {

	private static final int MAX_LISTED = 500;

	private final DerivedTables derived;

	private final JdbcClient jdbc;

	private final GridSettings settings;

	private final AccountQueries accounts;

	private final Users users;

	private final AccountSegments tiers;

	Portfolio(JdbcClient jdbc, GridSettings settings, AccountQueries accounts, Users users, AccountSegments tiers,
			DerivedTables derived) {
		this.tiers = tiers;
		this.derived = derived;
		this.jdbc = jdbc;
		this.settings = settings;
		this.accounts = accounts;
		this.users = users;
	}

	public PortfolioGrid grid(RecordScope scope, PortfolioFilter filter) {
		StageTable table = this.settings.stageTable();
		Map<Long, Long> counts = new HashMap<>();
		Optional<Latest> latest = latest(scope, filter, null);
		if (latest.isPresent()) {
			this.jdbc
				.sql("select personal, company, count(*) from (" + latest.get().sql()
						+ ") x where x.rn = 1 group by personal, company")
				.params(latest.get().params())
				.query((rs, n) -> counts.put(rs.getLong(1) * 10 + rs.getLong(2), rs.getLong(3)))
				.list();
		}
		List<PortfolioGrid.Cell> cells = new ArrayList<>();
		Map<RelationshipStage, Long> stages = new EnumMap<>(RelationshipStage.class);
		for (RelationshipStage stage : RelationshipStage.values()) {
			stages.put(stage, 0L);
		}
		long notEstablished = 0;
		long total = 0;
		long max = 0;
		long imbalanced = 0;
		for (Map.Entry<Long, Long> entry : counts.entrySet()) {
			int personal = (int) (entry.getKey() / 10);
			int company = (int) (entry.getKey() % 10);
			total += entry.getValue();
			if (personal == 0 || company == 0) {
				notEstablished += entry.getValue();
			}
		}
		for (int company = 5; company >= 1; company--) {
			for (int personal = 1; personal <= 5; personal++) {
				long count = counts.getOrDefault(personal * 10L + company, 0L);
				RelationshipStage stage = table.stageOf(personal, company);
				cells.add(new PortfolioGrid.Cell(personal, company, stage, count));
				if (stage != null) {
					stages.merge(stage, count, Long::sum);
				}
				else {
					notEstablished += count;
				}
				max = Math.max(max, count);
				if (Math.abs(personal - company) >= Assessments.IMBALANCE) {
					imbalanced += count;
				}
			}
		}
		return new PortfolioGrid(cells, notEstablished, total, stages, max, imbalanced);
	}

	/**
	 * The accounts whose newest assessment sits in one cell; a level of 0 lists those not
	 * yet established on that axis. At most {@value #MAX_LISTED}, by name.
	 */
	public List<PortfolioAccount> accountsIn(RecordScope scope, PortfolioFilter filter, int personal, int company) {
		String cell = (personal == 0 || company == 0) ? " and (x.personal = 0 or x.company = 0)"
				: " and x.personal = :cellPersonal and x.company = :cellCompany";
		return listed(scope, filter, cell + " limit " + MAX_LISTED,
				Map.of("cellPersonal", personal, "cellCompany", company));
	}

	/**
	 * Every account the heat map counts for the filter, with its newest assessment, by
	 * name: the portfolio's export.
	 */
	public List<PortfolioAccount> accounts(RecordScope scope, PortfolioFilter filter) {
		return listed(scope, filter, "", Map.of());
	}

	private List<PortfolioAccount> listed(RecordScope scope, PortfolioFilter filter, String condition,
			Map<String, Object> conditionParams) {
		Optional<Latest> latest = latest(scope, filter, null);
		if (latest.isEmpty()) {
			return List.of();
		}
		StageTable table = this.settings.stageTable();
		List<PortfolioAccount> found = this.jdbc
			.sql("select x.account_id, x.personal, x.company, x.assessed_on from (" + latest.get().sql()
					+ ") x where x.rn = 1" + condition)
			.params(latest.get().params())
			.params(conditionParams)
			.query((rs, n) -> new PortfolioAccount(rs.getLong(1), null, rs.getInt(2), rs.getInt(3),
					table.stageOf(rs.getInt(2), rs.getInt(3)), rs.getDate(4).toLocalDate()))
			.list();
		Map<Long, String> names = this.accounts.names(found.stream().map(PortfolioAccount::accountId).toList());
		return found.stream()
			.map((a) -> new PortfolioAccount(a.accountId(), names.get(a.accountId()), a.personal(), a.company(),
					a.stage(), a.assessedOn()))
			.sorted(Comparator.comparing(PortfolioAccount::name, Comparator.nullsLast(Comparator.naturalOrder())))
			.toList();
	}

	/**
	 * Each account's stage now against its stage on {@code since} (under today's stage
	 * table, so a changed table does not look like movement).
	 */
	public Movement movementSince(RecordScope scope, PortfolioFilter filter, LocalDate since) {
		Optional<Latest> now = latest(scope, filter, null);
		if (now.isEmpty()) {
			return new Movement(since, 0, 0, 0, 0);
		}
		Latest then = latest(scope, filter, since).orElseThrow();
		StageTable table = this.settings.stageTable();
		long[] tally = new long[4];
		Map<String, Object> params = new HashMap<>(now.get().params());
		// Both halves share the scope parameters; only the date differs.
		params.putAll(then.params());
		// Each account's assessment as of the date, read once: H2 numbered every
		// assessment up to the date again for each account of the current half (27 s at
		// 3,000 accounts with two assessments each; DerivedTables).
		String earlier = this.derived.readOnce(
				"(select e.account_id, e.personal, e.company from (" + then.sql() + ") e where e.rn = 1)", "account_id",
				params);
		this.jdbc
			.sql("select n.personal, n.company, t.personal, t.company, count(*) from (" + now.get().sql()
					+ ") n left join " + earlier + " t on t.account_id = n.account_id"
					+ " where n.rn = 1 group by n.personal, n.company, t.personal, t.company")
			.params(params)
			.query((rs, n) -> {
				long count = rs.getLong(5);
				Integer thenPersonal = rs.getObject(3, Integer.class);
				if (thenPersonal == null) {
					tally[3] += count;
					return null;
				}
				int rankNow = rank(table.stageOf(rs.getInt(1), rs.getInt(2)));
				int rankThen = rank(table.stageOf(thenPersonal, rs.getInt(4)));
				tally[(rankNow > rankThen) ? 0 : (rankNow == rankThen) ? 1 : 2] += count;
				return null;
			})
			.list();
		return new Movement(since, tally[0], tally[1], tally[2], tally[3]);
	}

	private static int rank(RelationshipStage stage) {
		return (stage != null) ? stage.rank() : 0;
	}

	/**
	 * Every visible assessment of the filtered accounts, numbered per account newest
	 * first ({@code rn = 1} is the current one), up to a date when given. Empty when the
	 * owner filter names nobody.
	 */
	private Optional<Latest> latest(RecordScope scope, PortfolioFilter filter, LocalDate upTo) {
		Long ownerId = null;
		if (StringUtils.hasText(filter.owner())) {
			Optional<UserSummary> owner = this.users.findByUsername(filter.owner().strip());
			if (owner.isEmpty()) {
				return Optional.empty();
			}
			ownerId = owner.get().id();
		}
		AccountScopeSql portfolio = AccountScopeSql.portfolio(scope, "r.account_id", ownerId, filter.type());
		Map<String, Object> params = new HashMap<>(portfolio.params());
		String tiered = "";
		if (StringUtils.hasText(filter.tier())) {
			if (!this.tiers.codes().contains(filter.tier())) {
				throw new RuleViolationException("tier", "portfolio.unknownTier", filter.tier());
			}
			AccountScopeSql tier = this.tiers.filter(filter.tier(), "r.account_id");
			tiered = " and " + tier.condition();
			params.putAll(tier.params());
		}
		String dated = tiered;
		if (upTo != null) {
			dated = " and r.assessed_on <= :upTo";
			params.put("upTo", upTo);
		}
		return Optional.of(new Latest("""
				select r.account_id, r.personal, r.company, r.assessed_on,
				       row_number() over (partition by r.account_id order by r.assessed_on desc, r.id desc) as rn
				from relationship_assessment r""" + " where " + portfolio.condition() + dated, params));
	}

	private record Latest(String sql, Map<String, Object> params) {
	}

}
