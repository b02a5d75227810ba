package io.dakehu.accountplan;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountGroup;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.catalog.Catalog;
import io.dakehu.catalog.ProductLineSql;
import io.dakehu.catalog.ProductLineView;
import io.dakehu.identity.RecordScope;
import io.dakehu.opportunity.OpenDealSql;
import io.dakehu.order.ProductPurchaseSql;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes the whitespace matrix in one statement over the fragments the owners publish:
 * purchases of the twelve months up to today (order) and open deals (opportunity), both
 * by product, brought to product lines (catalog) and summed per account and line. Only
 * cells with a purchase or a deal come back; every other cell of the group × lines is
 * white space.
 */
@Service
@Transactional(readOnly = true)
public class Whitespace {

	/**
	 * Purchases and deals side by side, one row each, summed per account and line: a deal
	 * offering two products of one line counts once.
	 */
	private static final String CELLS = """
			select c.account_id, c.product_line_id, sum(c.amount) as amount, max(c.last_bought) as last_bought,
			       count(distinct c.opportunity_id) as open_deals, min(c.opportunity_id) as opportunity_id
			from (select b.account_id, bl.product_line_id, b.amount, b.last_bought,
			             cast(null as bigint) as opportunity_id
			      from %1$s b join %3$s bl on bl.product_id = b.product_id
			      union all
			      select d.account_id, dl.product_line_id, cast(null as numeric(19, 2)), cast(null as date),
			             d.opportunity_id
			      from %2$s d join %3$s dl on dl.product_id = d.product_id) c
			group by c.account_id, c.product_line_id""";

	private final JdbcClient jdbc;

	private final AccountQueries accounts;

	private final Catalog catalog;

	private final Clock clock;

	Whitespace(JdbcClient jdbc, AccountQueries accounts, Catalog catalog, Clock clock) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.catalog = catalog;
		this.clock = clock;
	}

	/**
	 * The matrix of the account's group.
	 * @throws io.dakehu.shared.NotFoundException when the reader may not work on the
	 * account
	 */
	public WhitespaceMatrix of(RecordScope scope, long accountId) {
		AccountGroup group = this.accounts.group(scope, accountId);
		List<ProductLineView> lines = this.catalog.productLines();
		LocalDate to = LocalDate.now(this.clock);
		LocalDate from = to.minusYears(1).plusDays(1);
		List<Long> ids = group.members().stream().map(AccountRef::id).toList();
		ProductPurchaseSql bought = ProductPurchaseSql.of(ids, from, to);
		OpenDealSql open = OpenDealSql.of(ids);
		Map<String, Object> params = new HashMap<>(bought.params());
		params.putAll(open.params());
		Map<String, WhitespaceMatrix.Cell> found = new HashMap<>();
		this.jdbc.sql(CELLS.formatted(bought.table(), open.table(), ProductLineSql.products()))
			.params(params)
			.query((rs, n) -> {
				long account = rs.getLong("account_id");
				long line = rs.getLong("product_line_id");
				java.sql.Date last = rs.getDate("last_bought");
				long deals = rs.getLong("open_deals");
				CellState state = (last != null) ? CellState.BOUGHT
						: ((deals > 0) ? CellState.OPEN_OPPORTUNITY : CellState.WHITE_SPACE);
				BigDecimal amount = rs.getBigDecimal("amount");
				return new WhitespaceMatrix.Cell(account, line, state, amount,
						(last != null) ? last.toLocalDate() : null, deals, rs.getObject("opportunity_id", Long.class));
			})
			.list()
			.forEach((cell) -> found.put(key(cell.accountId(), cell.productLineId()), cell));
		List<WhitespaceMatrix.Column> columns = lines.stream()
			.map((line) -> new WhitespaceMatrix.Column(line.id(), line.name(), line.firstProductId()))
			.toList();
		List<WhitespaceMatrix.Row> rows = new ArrayList<>();
		for (AccountRef member : group.members()) {
			List<WhitespaceMatrix.Cell> cells = new ArrayList<>();
			for (WhitespaceMatrix.Column column : columns) {
				cells.add(found.getOrDefault(key(member.id(), column.productLineId()), new WhitespaceMatrix.Cell(
						member.id(), column.productLineId(), CellState.WHITE_SPACE, null, null, 0, null)));
			}
			rows.add(new WhitespaceMatrix.Row(member.id(), member.name(), member.id() != accountId, cells));
		}
		return new WhitespaceMatrix(accountId, from, to, columns, rows, group.hidden());
	}

	private static String key(long account, long line) {
		return account + ":" + line;
	}

}
