package io.dakehu.order;

import static io.dakehu.shared.NullableParameters.setLong;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
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

import javax.sql.DataSource;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.PurchasesRecorded;
import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductView;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.shared.Chunks;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.KeyLookups;
import io.dakehu.shared.SourceReferences;

import org.postgresql.PGConnection;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writing and reading the purchase ledger. Lines are written in JDBC batches inside the
 * caller's transaction, so a bulk load is as atomic as the transaction around it. A line
 * is visible when its account is, or when the reader's scope owns its salesperson (a KAM
 * sees their own sales).
 */
@Service
@Transactional(readOnly = true)
public class OrderLedger {

	private static final int NAME_CHUNK = 1000;

	/** The SQL state of a unique key violation, the same on every database. */
	private static final String UNIQUE_VIOLATION = "23505";

	private static final String INSERT = """
			insert into order_line (account_id, order_date, product_id, quantity, amount, cost, salesperson_id,
			                        source, external_ref, created_at)
			values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final AccountQueries accounts;

	private final Catalog catalog;

	private final Users users;

	private final Clock clock;

	private final DataSource dataSource;

	private final ApplicationEventPublisher events;

	private final KeyLookups keyLookups;

	OrderLedger(JdbcClient jdbc, JdbcTemplate template, AccountQueries accounts, Catalog catalog, Users users,
			Clock clock, DataSource dataSource, ApplicationEventPublisher events, KeyLookups keyLookups) {
		this.keyLookups = keyLookups;
		this.dataSource = dataSource;
		this.events = events;
		this.jdbc = jdbc;
		this.template = template;
		this.accounts = accounts;
		this.catalog = catalog;
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Writes the lines inside the caller's transaction: on PostgreSQL with {@code COPY},
	 * elsewhere in one JDBC batch. The caller has checked that the accounts, products and
	 * salespeople exist and may be used. A line without a cost takes the catalogue's unit
	 * cost of its product times the quantity, where the catalogue has one (DOMAIN.md
	 * §3.5), so a won deal or an ERP line without costs still has a margin. The accounts'
	 * lifecycle learns of the purchases in the same transaction
	 * ({@link PurchasesRecorded}).
	 * @throws DuplicateKeyException when a reference of the source is taken already; what
	 * the call wrote is then for the caller to roll back (to a savepoint, say)
	 */
	@Transactional
	public int append(List<NewOrderLine> lines) {
		if (lines.isEmpty()) {
			return 0;
		}
		lines = costed(lines);
		write(lines);
		this.events.publishEvent(recorded(lines));
		return lines.size();
	}

	/**
	 * Records one purchase typed on the account page or sent to the API: the account must
	 * be visible to the editor and the product, if any, known. The account's owner is the
	 * salesperson.
	 */
	@Transactional
	public OrderLineView record(CurrentUser editor, OrderEntry entry) {
		if (entry.accountId() == null) {
			throw new RuleViolationException("accountId", "order.validation.required");
		}
		AccountRef account = this.accounts.requireVisible(editor.scope(), entry.accountId());
		if (entry.productId() != null && this.catalog.all().stream().noneMatch((p) -> p.id() == entry.productId())) {
			throw new RuleViolationException("productId", "order.validation.unknownProduct", entry.productId());
		}
		NewOrderLine line = costed(List.of(new NewOrderLine(account.id(), entry.date(), entry.productId(),
				(entry.quantity() != null) ? entry.quantity() : BigDecimal.ONE, entry.amount(), entry.cost(),
				account.ownerId(), TYPED_SOURCE, null)))
			.get(0);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into order_line (account_id, order_date, product_id, quantity, amount, cost, salesperson_id,
				                        source, external_ref, created_at)
				values (:account, :date, :product, :quantity, :amount, :cost, :salesperson, :source, null, :now)""")
			.param("account", line.accountId())
			.param("date", line.date())
			.param("product", line.productId())
			.param("quantity", line.quantity())
			.param("amount", line.amount())
			.param("cost", line.cost())
			.param("salesperson", line.salespersonId())
			.param("source", line.source())
			.param("now", LocalDateTime.now(this.clock))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		this.events.publishEvent(recorded(List.of(line)));
		return named(this.jdbc.sql(SELECT + " where o.id = :id").param("id", id).query(OrderLedger::raw).list()).get(0);
	}

	/** Where typed purchases come from, as an ERP name says where imported ones do. */
	static final String TYPED_SOURCE = "dakehu";

	private List<NewOrderLine> costed(List<NewOrderLine> lines) {
		Map<Long, BigDecimal> unitCosts = new HashMap<>();
		for (ProductView product : this.catalog.all()) {
			if (product.unitCost() != null) {
				unitCosts.put(product.id(), product.unitCost());
			}
		}
		if (unitCosts.isEmpty()) {
			return lines;
		}
		List<NewOrderLine> costed = new ArrayList<>(lines.size());
		for (NewOrderLine line : lines) {
			BigDecimal unitCost = (line.productId() != null) ? unitCosts.get(line.productId()) : null;
			costed.add((line.cost() != null || unitCost == null) ? line
					: new NewOrderLine(line.accountId(), line.date(), line.productId(), line.quantity(), line.amount(),
							unitCost.multiply(line.quantity()).setScale(2, RoundingMode.HALF_UP), line.salespersonId(),
							line.source(), line.externalRef()));
		}
		return costed;
	}

	/** Each account once, with its latest purchase among the lines. */
	private static PurchasesRecorded recorded(List<NewOrderLine> lines) {
		Map<Long, LocalDate> latest = new java.util.LinkedHashMap<>();
		for (NewOrderLine line : lines) {
			latest.merge(line.accountId(), line.date(), (a, b) -> a.isAfter(b) ? a : b);
		}
		List<PurchasesRecorded.Purchase> purchases = new ArrayList<>(latest.size());
		latest.forEach((account, date) -> purchases.add(new PurchasesRecorded.Purchase(account, date)));
		return new PurchasesRecorded(purchases);
	}

	private void write(List<NewOrderLine> lines) {
		LocalDateTime now = LocalDateTime.now(this.clock);
		Connection connection = DataSourceUtils.getConnection(this.dataSource);
		try {
			if (connection.isWrapperFor(PGConnection.class)) {
				copy(connection.unwrap(PGConnection.class), lines, now);
				return;
			}
		}
		catch (SQLException ex) {
			if (UNIQUE_VIOLATION.equals(ex.getSQLState())) {
				throw new DuplicateKeyException("An order line reference is taken already", ex);
			}
			throw new DataAccessResourceFailureException("Could not write order lines", ex);
		}
		catch (IOException ex) {
			throw new DataAccessResourceFailureException("Could not write order lines", ex);
		}
		finally {
			DataSourceUtils.releaseConnection(connection, this.dataSource);
		}
		Timestamp created = Timestamp.valueOf(now);
		this.template.batchUpdate(INSERT, lines, lines.size(), (PreparedStatement ps, NewOrderLine line) -> {
			ps.setLong(1, line.accountId());
			ps.setDate(2, Date.valueOf(line.date()));
			setLong(ps, 3, line.productId());
			ps.setBigDecimal(4, line.quantity());
			ps.setBigDecimal(5, line.amount());
			ps.setBigDecimal(6, line.cost());
			setLong(ps, 7, line.salespersonId());
			ps.setString(8, line.source());
			ps.setString(9, line.externalRef());
			ps.setTimestamp(10, created);
		});
	}

	/**
	 * PostgreSQL's bulk path: the lines as CSV into {@code COPY}, on the transaction's
	 * own connection, so they commit or roll back with everything else. An empty unquoted
	 * field is NULL; text is always quoted.
	 */
	private static void copy(PGConnection connection, List<NewOrderLine> lines, LocalDateTime now)
			throws SQLException, IOException {
		StringBuilder csv = new StringBuilder(lines.size() * 96);
		String created = now.toString();
		for (NewOrderLine line : lines) {
			csv.append(line.accountId()).append(',').append(line.date()).append(',');
			if (line.productId() != null) {
				csv.append(line.productId());
			}
			csv.append(',').append(line.quantity().toPlainString()).append(',').append(line.amount().toPlainString());
			csv.append(',');
			if (line.cost() != null) {
				csv.append(line.cost().toPlainString());
			}
			csv.append(',');
			if (line.salespersonId() != null) {
				csv.append(line.salespersonId());
			}
			csv.append(',');
			quoted(csv, line.source());
			csv.append(',');
			if (line.externalRef() != null) {
				quoted(csv, line.externalRef());
			}
			csv.append(',').append(created).append('\n');
		}
		connection.getCopyAPI()
			.copyIn("copy order_line (account_id, order_date, product_id, quantity, amount, cost, salesperson_id,"
					+ " source, external_ref, created_at) from stdin with (format csv)",
					new StringReader(csv.toString()));
	}

	private static void quoted(StringBuilder csv, String text) {
		csv.append('"').append(text.replace("\"", "\"\"")).append('"');
	}

	/**
	 * Which of these references the source already has, each with the time its row was
	 * written; see {@link SourceReferences#stored}.
	 */
	public Map<String, LocalDateTime> storedReferences(String source, Collection<String> references) {
		return new SourceReferences(this.jdbc, this.keyLookups, "order_line").stored(source, references);
	}

	public PageResult<OrderLineView> search(RecordScope scope, OrderCriteria criteria, PageRequest page) {
		Where where = where(scope, criteria);
		long total = this.jdbc.sql("select count(*) from order_line o" + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0);
		}
		List<Raw> rows = this.jdbc
			.sql(SELECT + where.sql() + " order by o.order_date desc, o.id desc limit :limit offset :offset")
			.params(where.params())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(OrderLedger::raw)
			.list();
		return new PageResult<>(named(rows), page.page(), page.size(), total);
	}

	/**
	 * Every visible line matching the criteria, oldest first, handed over one at a time
	 * while the rows stream from the database, so an export of millions of lines needs no
	 * more memory than one chunk of names.
	 */
	public void forEach(RecordScope scope, OrderCriteria criteria, Consumer<OrderLineView> consumer) {
		Where where = where(scope, criteria);
		Chunks<Raw> chunks = new Chunks<>(NAME_CHUNK, (chunk) -> named(chunk).forEach(consumer));
		this.jdbc.sql(SELECT + where.sql() + " order by o.order_date, o.id")
			.params(where.params())
			.withFetchSize(NAME_CHUNK)
			.query((ResultSet rs) -> {
				chunks.accept(raw(rs, 0));
			});
		chunks.finish();
	}

	/**
	 * Purchase totals of one account by year and by product line. The caller has checked
	 * that the reader may see the account.
	 */
	public PurchaseSummary summary(long accountId) {
		List<PurchaseSummary.Total> byYear = this.jdbc.sql("""
				select extract(year from order_date) as y, sum(amount), sum(amount - cost), count(*)
				from order_line where account_id = :account group by extract(year from order_date) order by y""")
			.param("account", accountId)
			.query((rs, n) -> new PurchaseSummary.Total(String.valueOf(rs.getInt(1)), rs.getBigDecimal(2),
					rs.getBigDecimal(3), rs.getLong(4)))
			.list();
		Map<Long, String> lineOfProduct = new HashMap<>();
		for (ProductView product : this.catalog.all()) {
			lineOfProduct.put(product.id(), product.productLine());
		}
		Map<String, PurchaseSummary.Total> byLine = new java.util.TreeMap<>();
		this.jdbc.sql("""
				select product_id, sum(amount), sum(amount - cost), count(*)
				from order_line where account_id = :account group by product_id""")
			.param("account", accountId)
			.query((ResultSet rs) -> {
				Long productId = rs.getObject(1, Long.class);
				String line = (productId != null) ? lineOfProduct.getOrDefault(productId, "") : "";
				PurchaseSummary.Total total = new PurchaseSummary.Total((line != null) ? line : "", rs.getBigDecimal(2),
						rs.getBigDecimal(3), rs.getLong(4));
				byLine.merge(total.key(), total, OrderLedger::add);
			});
		long withoutCost = this.jdbc.sql("select count(*) from order_line where account_id = :account and cost is null")
			.param("account", accountId)
			.query(Long.class)
			.single();
		BigDecimal amount = BigDecimal.ZERO;
		BigDecimal margin = null;
		long lines = 0;
		for (PurchaseSummary.Total year : byYear) {
			amount = amount.add(year.amount());
			margin = (year.margin() != null) ? ((margin != null) ? margin.add(year.margin()) : year.margin()) : margin;
			lines += year.lines();
		}
		return new PurchaseSummary(accountId, amount, margin, lines, withoutCost, byYear, List.copyOf(byLine.values()));
	}

	private static PurchaseSummary.Total add(PurchaseSummary.Total a, PurchaseSummary.Total b) {
		BigDecimal margin = (a.margin() == null) ? b.margin()
				: ((b.margin() == null) ? a.margin() : a.margin().add(b.margin()));
		return new PurchaseSummary.Total(a.key(), a.amount().add(b.amount()), margin, a.lines() + b.lines());
	}

	/**
	 * How many purchases of each account in the period have no cost, so figures built on
	 * margin (net profit, CLV) can say what they rest on. Accounts without such lines are
	 * left out. The caller has checked that the reader may see the accounts.
	 */
	public Map<Long, Long> withoutCost(Collection<Long> accountIds, LocalDate from, LocalDate to) {
		Map<Long, Long> counts = new HashMap<>();
		List<Long> ids = List.copyOf(accountIds);
		for (int start = 0; start < ids.size(); start += NAME_CHUNK) {
			this.jdbc.sql("""
					select account_id, count(*) from order_line
					where account_id in (:accounts) and order_date between :from and :to and cost is null
					group by account_id""")
				.param("accounts", ids.subList(start, Math.min(ids.size(), start + NAME_CHUNK)))
				.param("from", from)
				.param("to", to)
				.query((ResultSet rs) -> {
					counts.put(rs.getLong(1), rs.getLong(2));
				});
		}
		return counts;
	}

	public long count(RecordScope scope) {
		Where where = where(scope, OrderCriteria.all());
		return this.jdbc.sql("select count(*) from order_line o" + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	private Where where(RecordScope scope, OrderCriteria criteria) {
		StringBuilder sql = new StringBuilder(" where ");
		Map<String, Object> params = new HashMap<>();
		if (scope.all()) {
			sql.append("1 = 1");
		}
		else {
			AccountScopeSql accountScope = AccountScopeSql.of(scope, "o.account_id");
			sql.append("(").append(accountScope.condition()).append(" or o.salesperson_id in (:ledgerSalespeople))");
			params.putAll(accountScope.params());
			params.put("ledgerSalespeople", scope.ownerIds());
		}
		if (criteria.accountId() != null) {
			sql.append(" and o.account_id = :accountId");
			params.put("accountId", criteria.accountId());
		}
		if (criteria.from() != null) {
			sql.append(" and o.order_date >= :from");
			params.put("from", criteria.from());
		}
		if (criteria.to() != null) {
			sql.append(" and o.order_date <= :to");
			params.put("to", criteria.to());
		}
		return new Where(sql.toString(), params);
	}

	private List<OrderLineView> named(List<Raw> rows) {
		if (rows.isEmpty()) {
			return List.of();
		}
		Set<Long> accountIds = new HashSet<>();
		Set<Long> userIds = new HashSet<>();
		Set<Long> productIds = new HashSet<>();
		for (Raw row : rows) {
			accountIds.add(row.accountId());
			if (row.productId() != null) {
				productIds.add(row.productId());
			}
			if (row.salespersonId() != null) {
				userIds.add(row.salespersonId());
			}
		}
		Map<Long, String> accountNames = this.accounts.names(accountIds);
		Map<Long, String> products = this.catalog.names(productIds);
		Map<Long, String> userNames = this.users.displayNames(userIds);
		List<OrderLineView> views = new ArrayList<>(rows.size());
		for (Raw r : rows) {
			views.add(new OrderLineView(r.id(), r.accountId(), accountNames.get(r.accountId()), r.date(), r.productId(),
					(r.productId() != null) ? products.get(r.productId()) : null, r.quantity(), r.amount(), r.cost(),
					r.salespersonId(), (r.salespersonId() != null) ? userNames.get(r.salespersonId()) : null,
					r.source(), r.externalRef()));
		}
		return views;
	}

	private static final String SELECT = """
			select o.id, o.account_id, o.order_date, o.product_id, o.quantity, o.amount, o.cost, o.salesperson_id,
			       o.source, o.external_ref
			from order_line o""";

	private static Raw raw(ResultSet rs, int n) throws SQLException {
		return new Raw(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getObject(4, Long.class),
				rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getObject(8, Long.class),
				rs.getString(9), rs.getString(10));
	}

	private record Raw(long id, long accountId, java.time.LocalDate date, Long productId, BigDecimal quantity,
			BigDecimal amount, BigDecimal cost, Long salespersonId, String source, String externalRef) {
	}

	private record Where(String sql, Map<String, Object> params) {
	}

}
