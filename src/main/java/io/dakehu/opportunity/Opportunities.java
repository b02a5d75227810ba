package io.dakehu.opportunity;

import static io.dakehu.shared.NullableParameters.setDate;
import static io.dakehu.shared.NullableParameters.setLong;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.catalog.Catalog;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.shared.Chunks;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.KeyLookups;
import io.dakehu.shared.SourceReferences;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recording and reading opportunities. An opportunity is visible when its account is, or
 * when its owner is in the reader's scope (which covers those without an account yet).
 * Bulk writes are JDBC batches inside the caller's transaction. The list and the board
 * ({@link OpportunityLists}) read their rows with the columns, the scope's condition and
 * the naming kept here.
 */
@Service
@Transactional(readOnly = true)
public class Opportunities {

	static final int NAME_CHUNK = 1000;

	private static final String INSERT = """
			insert into opportunity (account_id, owner_id, product_id, stage, engage_date, close_date, amount, source,
			                         external_ref, created_at, updated_at, stage_since, name, expected_close_date,
			                         account_owner_id, custom_fields)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, """ + AccountScopeSql.ownerOf("?") + ", ";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final AccountQueries accounts;

	private final Catalog catalog;

	private final Users users;

	private final OpportunityTally tally;

	private final Clock clock;

	private final KeyLookups keyLookups;

	private final OpportunityCustomFields customFields;

	Opportunities(JdbcClient jdbc, JdbcTemplate template, AccountQueries accounts, Catalog catalog, Users users,
			OpportunityTally tally, Clock clock, KeyLookups keyLookups, OpportunityCustomFields customFields) {
		this.customFields = customFields;
		this.keyLookups = keyLookups;
		this.jdbc = jdbc;
		this.template = template;
		this.accounts = accounts;
		this.catalog = catalog;
		this.users = users;
		this.tally = tally;
		this.clock = clock;
	}

	/**
	 * Writes the opportunities in one JDBC batch. The caller has checked that accounts,
	 * owners and products exist and may be used.
	 * @throws org.springframework.dao.DuplicateKeyException when a reference of the
	 * source is taken already; what the call wrote is then for the caller to roll back
	 */
	@Transactional
	public int append(List<NewOpportunity> opportunities) {
		if (opportunities.isEmpty()) {
			return 0;
		}
		Timestamp now = Timestamp.valueOf(LocalDateTime.now(this.clock));
		this.template.batchUpdate(INSERT + this.customFields.positionalParameter() + ")", opportunities,
				opportunities.size(), (PreparedStatement ps, NewOpportunity o) -> {
					setLong(ps, 1, o.accountId());
					ps.setLong(2, o.ownerId());
					setLong(ps, 3, o.productId());
					ps.setString(4, o.stage().name());
					setDate(ps, 5, o.engageDate());
					setDate(ps, 6, o.closeDate());
					ps.setBigDecimal(7, o.amount());
					ps.setString(8, o.source());
					ps.setString(9, o.externalRef());
					ps.setTimestamp(10, now);
					ps.setTimestamp(11, now);
					ps.setTimestamp(12, now);
					ps.setString(13, o.name());
					setDate(ps, 14, o.expectedCloseDate());
					setLong(ps, 15, o.accountId());
					ps.setString(16, this.customFields.json(o.customFields()));
				});
		this.tally.opened(opportunities);
		return opportunities.size();
	}

	/**
	 * Which of these references the source already has, each with the time its row was
	 * written; see {@link SourceReferences#stored}.
	 */
	public Map<String, LocalDateTime> storedReferences(String source, Collection<String> references) {
		return new SourceReferences(this.jdbc, this.keyLookups, "opportunity").stored(source, references);
	}

	/**
	 * Every visible opportunity matching the criteria, handed over one at a time while
	 * the rows stream from the database.
	 */
	public void forEach(RecordScope scope, OpportunityCriteria criteria, Consumer<OpportunityView> consumer) {
		Where where = where(scope, criteria);
		Chunks<Raw> chunks = new Chunks<>(NAME_CHUNK, (chunk) -> named(chunk).forEach(consumer));
		this.jdbc.sql(SELECT + where.sql() + " order by o.id")
			.params(where.params())
			.withFetchSize(NAME_CHUNK)
			.query((ResultSet rs) -> {
				chunks.accept(raw(rs, 0));
			});
		chunks.finish();
	}

	/**
	 * One opportunity, if the scope may see it.
	 * @throws NotFoundException when it does not exist or lies outside the scope
	 */
	public OpportunityView get(RecordScope scope, long id) {
		Where where = where(scope, OpportunityCriteria.all());
		List<Raw> rows = this.jdbc.sql(SELECT + where.sql() + " and o.id = :id")
			.params(where.params())
			.param("id", id)
			.query(this::raw)
			.list();
		if (rows.isEmpty()) {
			throw new NotFoundException("Opportunity", id);
		}
		return named(rows).get(0);
	}

	/**
	 * The visible opportunities still open (not won or lost) on the given accounts, or on
	 * every visible account when {@code accountIds} is null; newest first.
	 */
	public List<OpportunityView> open(RecordScope scope, Collection<Long> accountIds) {
		if (accountIds != null && accountIds.isEmpty()) {
			return List.of();
		}
		Where where = where(scope, OpportunityCriteria.all());
		Map<String, Object> params = new HashMap<>(where.params());
		List<String> openStages = new ArrayList<>();
		for (Stage stage : Stage.values()) {
			if (!stage.closed()) {
				openStages.add(stage.name());
			}
		}
		params.put("openStages", openStages);
		String sql = SELECT + where.sql() + " and o.account_id is not null and o.stage in (:openStages)";
		if (accountIds != null) {
			sql += " and o.account_id in (:accountIds)";
			params.put("accountIds", Set.copyOf(accountIds));
		}
		List<Raw> rows = this.jdbc.sql(sql + " order by o.id desc").params(params).query(this::raw).list();
		return named(rows);
	}

	/**
	 * The opportunities with these ids, in the order given; the caller has limited them
	 * to the reader's scope.
	 */
	List<OpportunityView> byIds(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Raw> rows = new ArrayList<>(
				this.jdbc.sql(SELECT + " where o.id in (:ids)").param("ids", Set.copyOf(ids)).query(this::raw).list());
		rows.sort(java.util.Comparator.comparingInt((Raw row) -> ids.indexOf(row.id())));
		return named(rows);
	}

	/** The scope's condition with the criteria's, starting with {@code where}. */
	Where where(RecordScope scope, OpportunityCriteria criteria) {
		StringBuilder sql = new StringBuilder(" where ");
		Map<String, Object> params = new HashMap<>();
		if (scope.all()) {
			sql.append("1 = 1");
		}
		else {
			// On the account's owner kept on each deal (decision 0074): read through the
			// accounts, the rule asked the account table for the reader's every account.
			AccountScopeSql accountScope = AccountScopeSql.ofKeptOwner(scope, "o.account_owner_id", "o.account_id");
			sql.append("(o.owner_id in (:dealOwners) or ").append(accountScope.condition()).append(")");
			params.putAll(accountScope.params());
			params.put("dealOwners", scope.ownerIds());
		}
		if (criteria.accountId() != null) {
			sql.append(" and o.account_id = :accountId");
			params.put("accountId", criteria.accountId());
		}
		if (criteria.stage() != null) {
			sql.append(" and o.stage = :stage");
			params.put("stage", criteria.stage().name());
		}
		if (criteria.ownerId() != null) {
			sql.append(" and o.owner_id = :ownerId");
			params.put("ownerId", criteria.ownerId());
		}
		return new Where(sql.toString(), params);
	}

	/** The rows with their accounts', owners' and products' names. */
	List<OpportunityView> named(List<Raw> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Set<Long> accountIds = new HashSet<>();
		Set<Long> userIds = new HashSet<>();
		Set<Long> productIds = new HashSet<>();
		for (Raw row : rows) {
			if (row.accountId() != null) {
				accountIds.add(row.accountId());
			}
			if (row.productId() != null) {
				productIds.add(row.productId());
			}
			userIds.add(row.ownerId());
		}
		Map<Long, String> accountNames = this.accounts.names(accountIds);
		Map<Long, String> products = this.catalog.names(productIds);
		Map<Long, String> userNames = this.users.displayNames(userIds);
		List<OpportunityView> views = new ArrayList<>(rows.size());
		for (Raw r : rows) {
			views.add(new OpportunityView(r.id(), r.accountId(),
					(r.accountId() != null) ? accountNames.get(r.accountId()) : null, r.ownerId(),
					userNames.get(r.ownerId()), r.productId(),
					(r.productId() != null) ? products.get(r.productId()) : null, r.stage(), r.engageDate(),
					r.closeDate(), r.amount(), r.source(), r.externalRef(), r.name(), r.expectedCloseDate(),
					r.purchaseType(), r.probability(), r.nextStep(), r.lostReason(), r.winningCompetitor(),
					r.stageSince(), r.version(), r.updatedAt(), r.customFields()));
		}
		return views;
	}

	static final String COLUMNS = """
			select o.id, o.account_id, o.owner_id, o.product_id, o.stage, o.engage_date, o.close_date, o.amount,
			       o.source, o.external_ref, o.name, o.expected_close_date, o.purchase_type, p.probability,
			       o.next_step, o.lost_reason, o.winning_competitor, o.stage_since, o.version, o.updated_at,
			       o.custom_fields""";

	static final String FROM = " from opportunity o join opportunity_stage_probability p on p.stage = o.stage";

	static final String SELECT = COLUMNS + FROM;

	Raw raw(ResultSet rs, int n) throws SQLException {
		Date engage = rs.getDate(6);
		Date close = rs.getDate(7);
		return new Raw(rs.getLong(1), rs.getObject(2, Long.class), rs.getLong(3), rs.getObject(4, Long.class),
				Stage.valueOf(rs.getString(5)), (engage != null) ? engage.toLocalDate() : null,
				(close != null) ? close.toLocalDate() : null, rs.getBigDecimal(8), rs.getString(9), rs.getString(10),
				rs.getString(11), rs.getObject(12, LocalDate.class),
				(rs.getString(13) != null) ? PurchaseType.valueOf(rs.getString(13)) : null, rs.getInt(14),
				rs.getString(15), rs.getString(16), rs.getString(17), rs.getObject(18, LocalDateTime.class),
				rs.getInt(19), rs.getObject(20, LocalDateTime.class), this.customFields.read(rs.getString(21)));
	}

	record Raw(long id, Long accountId, long ownerId, Long productId, Stage stage, LocalDate engageDate,
			LocalDate closeDate, BigDecimal amount, String source, String externalRef, String name,
			LocalDate expectedCloseDate, PurchaseType purchaseType, int probability, String nextStep, String lostReason,
			String winningCompetitor, LocalDateTime stageSince, int version, LocalDateTime updatedAt,
			Map<String, Object> customFields) {
	}

	/**
	 * @param readsEveryDeal whether the condition is met by reading every deal (a search
	 * for a text most names hold, decision 0072)
	 * @param onePlan whether the statements may run on one plan each (a search for pieces
	 * few names hold, decision 0071)
	 */
	record Where(String sql, Map<String, Object> params, boolean readsEveryDeal, boolean onePlan) {

		Where(String sql, Map<String, Object> params) {
			this(sql, params, false, false);
		}

	}

}
