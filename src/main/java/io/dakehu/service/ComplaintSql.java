package io.dakehu.service;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;

import org.springframework.modulith.NamedInterface;

/**
 * What each account's complaints say at a moment, as a derived table for set-based SQL
 * (the churn score, DOMAIN.md §10.4). Only complaints received before the moment count,
 * and only accounts with one have a row. Columns: {@code account_id},
 * {@code overdue_complaint} (the id of the open complaint longest past its due time, null
 * when none is), {@code overdue_since} (the due time it passed),
 * {@code recent_complaints} (received in the given number of days before the moment) and
 * {@code satisfaction} (the customer's satisfaction at the latest return visit, 1–5, null
 * when none). The due times are the ones the complaint list uses: the response while
 * open, the resolution until resolved.
 */
@NamedInterface("sql")
public record ComplaintSql(String table, Map<String, Object> params) {

	private static final String SUMMARY = """
			(select cs.account_id,
			        max(case when cs.overdue_rank = 1 then cs.overdue_id end) as overdue_complaint,
			        max(case when cs.overdue_rank = 1 then cs.overdue_since end) as overdue_since,
			        sum(case when cs.received_at >= :complaintRecentFrom then 1 else 0 end) as recent_complaints,
			        max(case when cs.rated_rank = 1 then cs.satisfaction end) as satisfaction
			 from (select cd.*,
			              row_number() over (partition by cd.account_id
			                                 order by case when cd.overdue_since is null then 1 else 0 end,
			                                          cd.overdue_since, cd.id) as overdue_rank,
			              row_number() over (partition by cd.account_id
			                                 order by case when cd.satisfaction is null then 1 else 0 end,
			                                          cd.closed_at desc, cd.id desc) as rated_rank
			       from (select c.id, c.account_id, c.received_at, c.closed_at,
			                    case when c.closed_at < :complaintAt then c.satisfaction end as satisfaction,
			                    case when c.status = 'OPEN' and c.response_due_at < :complaintAt then c.id
			                         when c.status in ('OPEN', 'IN_PROGRESS') and c.resolution_due_at < :complaintAt
			                         then c.id end as overdue_id,
			                    case when c.status = 'OPEN' and c.response_due_at < :complaintAt then c.response_due_at
			                         when c.status in ('OPEN', 'IN_PROGRESS') and c.resolution_due_at < :complaintAt
			                         then c.resolution_due_at end as overdue_since
			             from complaint c
			             where c.received_at < :complaintAt) cd) cs
			 group by cs.account_id)""";

	/**
	 * @param at the moment the complaints are judged at
	 * @param recentDays how many days before it count as recent
	 */
	public static ComplaintSql at(LocalDateTime at, int recentDays) {
		Map<String, Object> params = new HashMap<>();
		params.put("complaintAt", Timestamp.valueOf(at));
		params.put("complaintRecentFrom", Timestamp.valueOf(at.minusDays(recentDays)));
		return new ComplaintSql(SUMMARY, params);
	}

	/**
	 * The accounts with repeated complaints in a period (DOMAIN.md §10.3): those with at
	 * least as many complaints received from {@code from} (included) to {@code to}
	 * (excluded) as make the repeated flag. Columns: {@code account_id},
	 * {@code complaints}. Whether the account is big enough to be flagged is its tier's
	 * and class's business, which the caller joins.
	 */
	public static ComplaintSql repeatedBetween(LocalDateTime from, LocalDateTime to) {
		Map<String, Object> params = new HashMap<>();
		params.put("repeatedFrom", Timestamp.valueOf(from));
		params.put("repeatedTo", Timestamp.valueOf(to));
		params.put("repeatedCount", Complaints.REPEAT_COUNT);
		return new ComplaintSql("""
				(select rc.account_id, count(*) as complaints from complaint rc
				 where rc.received_at >= :repeatedFrom and rc.received_at < :repeatedTo
				 group by rc.account_id having count(*) >= :repeatedCount)""", params);
	}

}
