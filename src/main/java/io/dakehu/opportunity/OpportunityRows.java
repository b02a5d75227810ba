package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountNameSql;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductNameSql;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserNameSql;
import io.dakehu.identity.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How an opportunity row is read: its columns, the reader's scope as a condition (an
 * opportunity is visible when its account is, or when its owner is in the reader's
 * scope), and the rows named with their accounts', owners' and products' names. Shared by
 * the single reads ({@link Opportunities}) and the list and board
 * ({@link OpportunityLists}).
 */
@Component
class OpportunityRows {

	/** How many rows are named at once when a read streams them. */
	static final int NAME_CHUNK = 1000;

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Catalog catalog;

	private final Users users;

	private final OpportunityCustomFields customFields;

	OpportunityRows(JdbcClient jdbc, AccountQueries accounts, Catalog catalog, Users users,
			OpportunityCustomFields customFields) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.catalog = catalog;
		this.users = users;
		this.customFields = customFields;
	}

	/**
	 * The opportunities with these ids, in the order given; the caller has limited them
	 * to the reader's scope.
	 */
	List<OpportunityView> byIds(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<Named> rows = new ArrayList<>(this.jdbc.sql(withNames(SELECT + " where o.id in (:ids)"))
			.param("ids", Set.copyOf(ids))
			.query(this::namedRow)
			.list());
		rows.sort(Comparator.comparingInt((Named row) -> ids.indexOf(row.raw().id())));
		return views(rows);
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

	/**
	 * The rows with their accounts', owners' and products' names, each kind looked up
	 * once for all the rows.
	 */
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
			userIds.add(row.ownerId());
			if (row.productId() != null) {
				productIds.add(row.productId());
			}
		}
		Map<Long, String> accountNames = this.accounts.names(accountIds);
		Map<Long, String> userNames = this.users.displayNames(userIds);
		Map<Long, String> productNames = this.catalog.names(productIds);
		return views(rows.stream()
			.map((row) -> new Named(row, (row.accountId() != null) ? accountNames.get(row.accountId()) : null,
					userNames.get(row.ownerId()), (row.productId() != null) ? productNames.get(row.productId()) : null))
			.toList());
	}

	/**
	 * A page's statement with each row's account, owner and product names read alongside
	 * ({@link #namedRow}), in the page's order: read after the page, the names were three
	 * more statements, each a round trip to the database (decisions 0080 and 0081).
	 * @param page a statement of {@link #COLUMNS} (and any columns after them), ordered
	 * and cut to the page
	 */
	static String withNames(String page) {
		// The page's rows are numbered as they come, in its order, and put back in it
		// once named: joined, they may come in any order.
		return "select x.*, " + AccountNameSql.name("an") + " as named_account, " + UserNameSql.displayName("un")
				+ " as named_owner, " + ProductNameSql.name("pn")
				+ " as named_product from (select w.*, row_number() over () as named_position from (" + page + ") w) x"
				+ AccountNameSql.join("an", "x.account_id") + UserNameSql.join("un", "x.owner_id")
				+ ProductNameSql.join("pn", "x.product_id") + " order by x.named_position";
	}

	/**
	 * The rows of a page given as the ids of its rows in order, in that order.
	 * @param ids a statement answering the page's ids ({@code id}), ordered and cut to
	 * the page
	 */
	static String byIdsInOrder(String ids) {
		return COLUMNS + " from (select k.id, row_number() over () as id_position from (" + ids
				+ ") k) k join opportunity o on o.id = k.id" + PROBABILITY + " order by k.id_position";
	}

	/** A row of a statement {@link #withNames} made. */
	Named namedRow(ResultSet rs, int n) throws SQLException {
		return new Named(raw(rs, n), rs.getString("named_account"), rs.getString("named_owner"),
				rs.getString("named_product"));
	}

	/** The rows, named. */
	List<OpportunityView> views(List<Named> rows) {
		List<OpportunityView> views = new ArrayList<>(rows.size());
		for (Named row : rows) {
			Raw r = row.raw();
			views.add(new OpportunityView(r.id(), r.accountId(), row.accountName(), r.ownerId(), row.ownerName(),
					r.productId(), row.productName(), r.stage(), r.engageDate(), r.closeDate(), r.amount(), r.source(),
					r.externalRef(), r.name(), r.expectedCloseDate(), r.purchaseType(), r.probability(), r.nextStep(),
					r.lostReason(), r.winningCompetitor(), r.stageSince(), r.version(), r.updatedAt(),
					r.customFields()));
		}
		return views;
	}

	static final String COLUMNS = """
			select o.id, o.account_id, o.owner_id, o.product_id, o.stage, o.engage_date, o.close_date, o.amount,
			       o.source, o.external_ref, o.name, o.expected_close_date, o.purchase_type, p.probability,
			       o.next_step, o.lost_reason, o.winning_competitor, o.stage_since, o.version, o.updated_at,
			       o.custom_fields""";

	static final String PROBABILITY = " join opportunity_stage_probability p on p.stage = o.stage";

	static final String FROM = " from opportunity o" + PROBABILITY;

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

	/**
	 * A row with its account's name (null without an account), its owner's and its
	 * product's (null without a product).
	 */
	record Named(Raw raw, String accountName, String ownerName, String productName) {
	}

	record Raw(long id, Long accountId, long ownerId, Long productId, Stage stage, LocalDate engageDate,
			LocalDate closeDate, BigDecimal amount, String source, String externalRef, String name,
			LocalDate expectedCloseDate, PurchaseType purchaseType, int probability, String nextStep, String lostReason,
			String winningCompetitor, LocalDateTime stageSince, int version, LocalDateTime updatedAt,
			Map<String, Object> customFields) {
	}

	/**
	 * The conditions of a read of the deals, under the alias {@code o}.
	 *
	 * @param deals the relation read as {@code o}: the table, or a search's matches read
	 * whole ({@link OpportunityLists})
	 * @param sql the conditions, starting with {@code where}
	 * @param readsEveryDeal whether the condition is met by reading every deal (a search
	 * for a text most names hold, decision 0072)
	 * @param onePlan whether the statements may run on one plan each (a search for pieces
	 * few names hold, decision 0071)
	 */
	record Where(String deals, String sql, Map<String, Object> params, boolean readsEveryDeal, boolean onePlan) {

		Where(String sql, Map<String, Object> params) {
			this("opportunity", sql, params, false, false);
		}

		/** {@code from} the deals, as {@code o}. */
		String from() {
			return " from " + this.deals + " o";
		}

		/**
		 * {@code from} the deals, as {@code o}, with their stage's probability as
		 * {@code p}.
		 */
		String fromWithProbability() {
			return from() + PROBABILITY;
		}

	}

}
