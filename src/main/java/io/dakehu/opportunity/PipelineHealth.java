package io.dakehu.opportunity;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What needs a salesperson's attention in their pipeline, for the home pages: open
 * opportunities to move on, and each owner's open pipeline. Only opportunities owned by
 * someone in the reader's scope count, so a KAM's home never shows a colleague's deal on
 * an account they share.
 */
@Service
@Transactional(readOnly = true)
public class PipelineHealth {

	/** An open opportunity that has stayed in its stage longer than this sits still. */
	public static final int STALLED_DAYS = 30;

	private final JdbcClient jdbc;

	private final OpportunityRows rows;

	private final Clock clock;

	PipelineHealth(JdbcClient jdbc, OpportunityRows rows, Clock clock) {
		this.jdbc = jdbc;
		this.rows = rows;
		this.clock = clock;
	}

	/**
	 * Open opportunities whose expected close date has passed or that have sat in their
	 * stage for more than {@link #STALLED_DAYS} days, the longest overdue first.
	 * @param ownerIds only these owners' opportunities; null for every owner in the scope
	 */
	public PageResult<OpportunityView> toMove(RecordScope scope, Collection<Long> ownerIds, PageRequest page) {
		return page(filter(scope, ownerIds), TO_MOVE, page);
	}

	/**
	 * Open opportunities whose expected close date has passed, the longest overdue first:
	 * what the to-do list asks the owner to update or close.
	 * @param ownerIds only these owners' opportunities; null for every owner in the scope
	 */
	public PageResult<OpportunityView> closePassed(RecordScope scope, Collection<Long> ownerIds, PageRequest page) {
		return page(filter(scope, ownerIds), " and o.expected_close_date < :today", page);
	}

	private PageResult<OpportunityView> page(Filter filter, String condition, PageRequest page) {
		long total = this.jdbc.sql("select count(*) from opportunity o where " + filter.sql() + condition)
			.params(filter.params())
			.query(Long.class)
			.single();
		if (total == 0) {
			return new PageResult<>(List.of(), page.page(), page.size(), 0);
		}
		List<Long> ids = this.jdbc
			.sql("select o.id from opportunity o where " + filter.sql() + condition
					+ " order by o.expected_close_date nulls last, o.stage_since, o.id limit :limit offset :offset")
			.params(filter.params())
			.param("limit", page.size())
			.param("offset", page.offset())
			.query(Long.class)
			.list();
		return new PageResult<>(this.rows.byIds(ids), page.page(), page.size(), total);
	}

	/**
	 * Each owner's open pipeline: how many open opportunities, their amount and weighted
	 * amount, and how many of them are to move. Owners without an open opportunity are
	 * absent.
	 * @param ownerIds only these owners; null for every owner in the scope
	 */
	public Map<Long, OwnerPipeline> perOwner(RecordScope scope, Collection<Long> ownerIds) {
		Filter filter = filter(scope, ownerIds);
		Map<Long, OwnerPipeline> lines = new HashMap<>();
		this.jdbc.sql("""
				select o.owner_id, count(*), coalesce(sum(o.amount), 0),
				       coalesce(sum(o.amount * p.probability), 0) / 100,
				       sum(case when o.expected_close_date < :today or o.stage_since < :stalledBefore then 1 else 0 end)
				from opportunity o join opportunity_stage_probability p on p.stage = o.stage
				where""" + " " + filter.sql() + " group by o.owner_id")
			.params(filter.params())
			.query((ResultSet rs) -> {
				lines.put(rs.getLong(1), new OwnerPipeline(rs.getLong(2), rs.getBigDecimal(3),
						rs.getBigDecimal(4).setScale(2, java.math.RoundingMode.HALF_UP), rs.getLong(5)));
			});
		return lines;
	}

	private static final String TO_MOVE = " and (o.expected_close_date < :today or o.stage_since < :stalledBefore)";

	private Filter filter(RecordScope scope, Collection<Long> ownerIds) {
		Map<String, Object> params = new HashMap<>();
		LocalDate today = LocalDate.now(this.clock);
		params.put("today", today);
		params.put("stalledBefore", LocalDateTime.now(this.clock).minusDays(STALLED_DAYS));
		StringBuilder sql = new StringBuilder("o.stage not in ('WON', 'LOST')");
		Set<Long> owners = null;
		if (!scope.all()) {
			owners = new HashSet<>(scope.ownerIds());
		}
		if (ownerIds != null) {
			owners = (owners == null) ? new HashSet<>(ownerIds) : owners;
			owners.retainAll(ownerIds);
		}
		if (owners != null) {
			sql.append(" and o.owner_id in (:healthOwners)");
			// An empty set matches nothing; "in ()" is not valid SQL.
			params.put("healthOwners", owners.isEmpty() ? Set.of(-1L) : owners);
		}
		return new Filter(sql.toString(), params);
	}

	private record Filter(String sql, Map<String, Object> params) {
	}

	/**
	 * One owner's open pipeline.
	 *
	 * @param weighted Σ amount × the stage's probability
	 * @param toMove how many are past their expected close date or sit still
	 */
	public record OwnerPipeline(long open, BigDecimal amount, BigDecimal weighted, long toMove) {
	}

}
