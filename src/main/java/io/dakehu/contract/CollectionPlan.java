package io.dakehu.contract;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountScopeSql;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What money is coming in (回款计划): the collections forecast — what is owed, by the week or
 * month it falls due, after what is overdue already — and each salesperson's contracts
 * signed against money received in a period, the ranking Chinese sales teams keep (回款排名).
 * Everything within the reader's record scope, by the contracts' accounts.
 */
@Service
@Transactional(readOnly = true)
public class CollectionPlan {

	private final JdbcClient jdbc;

	private final Users users;

	private final AccountQueries accounts;

	private final Clock clock;

	CollectionPlan(JdbcClient jdbc, Users users, AccountQueries accounts, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.accounts = accounts;
		this.clock = clock;
	}

	/**
	 * An instalment past due that still owes money, as the owner's to-do shows it.
	 *
	 * @param owed what it still owes
	 */
	public record OverdueInstalment(long contractId, String contractNumber, long accountId, String accountName,
			LocalDate dueDate, BigDecimal owed) {
	}

	/**
	 * The first instalments to chase and how many there are.
	 */
	public record Chase(List<OverdueInstalment> instalments, long total) {
	}

	/**
	 * The instalments of the user's own contracts past due and still owing, the oldest
	 * due first: the money they are to chase (催款) today.
	 */
	public Chase toChase(CurrentUser me, int limit) {
		String overdue = """
				select i.contract_id, c.number, i.account_id, i.due_date, i.amount - i.paid
				from instalment i join contract c on c.id = i.contract_id
				where c.owner_id = :me and c.status not in ('DRAFT', 'AWAITING_APPROVAL')
				  and i.written_off_on is null and i.paid < i.amount and i.due_date < :today""";
		LocalDate today = LocalDate.now(this.clock);
		List<Object[]> rows = this.jdbc.sql(overdue + " order by i.due_date, i.id limit :limit")
			.param("me", me.id())
			.param("today", today)
			.param("limit", limit)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getDate(4).toLocalDate(),
							rs.getBigDecimal(5) })
			.list();
		long total = (rows.size() < limit) ? rows.size()
				: this.jdbc.sql("select count(*) from (" + overdue + ") o")
					.param("me", me.id())
					.param("today", today)
					.query(Long.class)
					.single();
		Map<Long, String> names = this.accounts.names(rows.stream().map((row) -> (Long) row[2]).toList());
		List<OverdueInstalment> instalments = rows.stream()
			.map((row) -> new OverdueInstalment((Long) row[0], (String) row[1], (Long) row[2], names.get(row[2]),
					(LocalDate) row[3], (BigDecimal) row[4]))
			.toList();
		return new Chase(instalments, total);
	}

	/** How the forecast cuts the time ahead. */
	public enum Step {

		WEEK, MONTH;

		/** The first day of the period holding {@code day}: a Monday or the 1st. */
		LocalDate start(LocalDate day) {
			return (this == WEEK) ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
					: day.withDayOfMonth(1);
		}

		LocalDate next(LocalDate start) {
			return (this == WEEK) ? start.plusWeeks(1) : start.plusMonths(1);
		}

	}

	/**
	 * One line of the forecast.
	 *
	 * @param from the period's first day; null for the line of what is overdue
	 * @param to the period's last day; for the overdue line, yesterday
	 * @param owed what the instalments falling due in it still owe
	 * @param instalments how many instalments owe it
	 */
	public record Period(LocalDate from, LocalDate to, BigDecimal owed, long instalments) {

		public boolean overdue() {
			return this.from == null;
		}

	}

	/**
	 * What is overdue today, then what falls due in each of the next {@code periods}
	 * weeks or months, the current one first (from today: its earlier days are overdue).
	 */
	public List<Period> forecast(RecordScope scope, Step step, int periods) {
		LocalDate today = LocalDate.now(this.clock);
		LocalDate end = step.start(today);
		for (int i = 0; i < periods; i++) {
			end = step.next(end);
		}
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "o.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("end", end);
		Map<LocalDate, Object[]> byDay = new LinkedHashMap<>();
		this.jdbc
			.sql("select o.due_date, sum(o.owed), count(*) from (" + Receivables.OWED + ") o where"
					+ " o.due_date < :end and " + scopeSql.condition() + " group by o.due_date")
			.params(params)
			.query((rs, n) -> byDay.put(rs.getDate(1).toLocalDate(),
					new Object[] { rs.getBigDecimal(2), rs.getLong(3) }))
			.list();
		List<Period> lines = new ArrayList<>();
		lines.add(sum(null, today.minusDays(1), byDay, LocalDate.MIN, today));
		LocalDate start = step.start(today);
		for (int i = 0; i < periods; i++) {
			LocalDate next = step.next(start);
			LocalDate from = (i == 0) ? today : start;
			lines.add(sum(from, next.minusDays(1), byDay, from, next));
			start = next;
		}
		return lines;
	}

	private static Period sum(LocalDate from, LocalDate to, Map<LocalDate, Object[]> byDay, LocalDate fromIncl,
			LocalDate toExcl) {
		BigDecimal owed = BigDecimal.ZERO;
		long count = 0;
		for (Map.Entry<LocalDate, Object[]> day : byDay.entrySet()) {
			if (!day.getKey().isBefore(fromIncl) && day.getKey().isBefore(toExcl)) {
				owed = owed.add((BigDecimal) day.getValue()[0]);
				count += (Long) day.getValue()[1];
			}
		}
		return new Period(from, to, owed, count);
	}

	/**
	 * One salesperson's line of the ranking.
	 *
	 * @param signed the amount of the contracts they signed in the period (drafts and
	 * those awaiting approval left out)
	 * @param received the money received in the period on their contracts, whenever
	 * signed
	 * @param overdue what their contracts owe past due today
	 */
	public record Salesperson(long userId, String name, long contracts, BigDecimal signed, BigDecimal received,
			BigDecimal overdue) {

		/** Received as a share of signed, in per cent; null when nothing was signed. */
		public BigDecimal receivedShare() {
			return (this.signed.signum() == 0) ? null : this.received.multiply(BigDecimal.valueOf(100))
				.divide(this.signed, 1, java.math.RoundingMode.HALF_UP);
		}

	}

	/**
	 * Each contract owner's contracts signed and money received between the two days
	 * (both included), and what they have overdue today; the most received first.
	 */
	public List<Salesperson> bySalesperson(RecordScope scope, LocalDate from, LocalDate to) {
		AccountScopeSql scopeSql = AccountScopeSql.of(scope, "c.account_id");
		Map<String, Object> params = new HashMap<>(scopeSql.params());
		params.put("from", from);
		params.put("to", to);
		Map<Long, Object[]> lines = new HashMap<>();
		this.jdbc
			.sql("""
					select c.owner_id, count(*), sum(c.amount) from contract c
					where c.status not in ('DRAFT', 'AWAITING_APPROVAL') and c.signed_date between :from and :to and\s"""
					+ scopeSql.condition() + " group by c.owner_id")
			.params(params)
			.query((rs, n) -> line(lines, rs.getLong(1))[0] = new Object[] { rs.getLong(2), rs.getBigDecimal(3) })
			.list();
		this.jdbc.sql("""
				select c.owner_id, sum(r.amount) from receipt r join contract c on c.id = r.contract_id
				where r.received_on between :from and :to and\s""" + scopeSql.condition() + " group by c.owner_id")
			.params(params)
			.query((rs, n) -> line(lines, rs.getLong(1))[1] = rs.getBigDecimal(2))
			.list();
		AccountScopeSql owedScope = AccountScopeSql.of(scope, "o.account_id");
		Map<String, Object> owedParams = new HashMap<>(owedScope.params());
		owedParams.put("today", LocalDate.now(this.clock));
		this.jdbc
			.sql("select o.owner_id, sum(o.owed) from (" + Receivables.OWED + ") o where" + " o.due_date < :today and "
					+ owedScope.condition() + " group by o.owner_id")
			.params(owedParams)
			.query((rs, n) -> line(lines, rs.getLong(1))[2] = rs.getBigDecimal(2))
			.list();
		Map<Long, UserSummary> people = this.users.byIds(lines.keySet());
		List<Salesperson> ranking = new ArrayList<>();
		lines.forEach((id, line) -> {
			Object[] signed = (line[0] != null) ? (Object[]) line[0] : new Object[] { 0L, BigDecimal.ZERO };
			UserSummary person = people.get(id);
			ranking.add(new Salesperson(id, (person != null) ? person.displayName() : null, (Long) signed[0],
					(BigDecimal) signed[1], orZero(line[1]), orZero(line[2])));
		});
		ranking.sort(Comparator.comparing(Salesperson::received)
			.thenComparing(Salesperson::signed)
			.reversed()
			.thenComparing(Salesperson::userId));
		return ranking;
	}

	private static Object[] line(Map<Long, Object[]> lines, long owner) {
		return lines.computeIfAbsent(owner, (id) -> new Object[3]);
	}

	private static BigDecimal orZero(Object amount) {
		return (amount != null) ? (BigDecimal) amount : BigDecimal.ZERO;
	}

}
