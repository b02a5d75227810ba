package io.dakehu.pool;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountPoolSql;
import io.dakehu.account.PoolReason;
import io.dakehu.activity.LastContactSql;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.segmentation.TierSql;
import io.dakehu.shared.NameSearch;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The pool's accounts, which everyone in the company may see (decision 0032), newest in
 * the pool first, with their tier, last follow-up, last deal and why they are there.
 */
@Service
@Transactional(readOnly = true)
public class PoolList {

	private final JdbcClient jdbc;

	private final Segmentation segmentation;

	private final Users users;

	PoolList(JdbcClient jdbc, Segmentation segmentation, Users users) {
		this.jdbc = jdbc;
		this.segmentation = segmentation;
		this.users = users;
	}

	public PageResult<PoolAccount> search(PoolCriteria criteria, PageRequest page) {
		TierSql tiers = this.segmentation.latestTierSql();
		Map<String, Object> params = new HashMap<>(tiers.params());
		StringBuilder where = new StringBuilder(" where 1 = 1");
		if (StringUtils.hasText(criteria.q())) {
			where.append(" and (p.name_key like :listQ escape '\\' or p.registration_id = :listExact)");
			params.put("listQ", "%" + NameSearch.escapeLike(NameSearch.key(criteria.q())) + "%");
			params.put("listExact", criteria.q().strip());
		}
		if (StringUtils.hasText(criteria.tier())) {
			where.append(" and coalesce(t.tier, 'SMALL') = :listTier");
			params.put("listTier", criteria.tier().strip());
		}
		if (StringUtils.hasText(criteria.industry())) {
			where.append(" and p.industry = :listIndustry");
			params.put("listIndustry", criteria.industry().strip());
		}
		if (StringUtils.hasText(criteria.region())) {
			where.append(" and p.region = :listRegion");
			params.put("listRegion", criteria.region().strip());
		}
		if (StringUtils.hasText(criteria.reason())) {
			where.append(" and p.pool_reason = :listReason");
			params.put("listReason", criteria.reason().strip());
		}
		String from = " " + AccountPoolSql.pooled() + " p left join " + LastContactSql.table()
				+ " lc on lc.account_id = p.account_id left join " + tiers.table()
				+ " t on t.account_id = p.account_id";
		params.put("listLimit", page.size());
		params.put("listOffset", page.offset());
		List<Object[]> rows = this.jdbc
			.sql("""
					select p.account_id, p.name, p.industry, p.region, coalesce(t.tier, 'SMALL'), lc.last_contact_at,
					       p.last_deal_on, p.pooled_at, p.pool_reason, p.pool_note, p.previous_owner_id, p.version,
					       count(*) over ()
					from %s p
					left join %s lc on lc.account_id = p.account_id
					left join %s t on t.account_id = p.account_id""".formatted(AccountPoolSql.pooled(),
					LastContactSql.table(), tiers.table()) + where
					+ " order by p.pooled_at desc, p.account_id desc limit :listLimit offset :listOffset")
			.params(params)
			.query((rs,
					n) -> new Object[] { rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getTimestamp(6), rs.getDate(7), rs.getTimestamp(8), rs.getString(9),
							rs.getString(10), rs.getObject(11, Long.class), rs.getInt(12), rs.getLong(13) })
			.list();
		Set<Long> owners = new HashSet<>();
		rows.forEach((row) -> {
			if (row[10] != null) {
				owners.add((Long) row[10]);
			}
		});
		Map<Long, String> names = this.users.displayNames(owners);
		List<PoolAccount> content = new ArrayList<>();
		long total = 0;
		for (Object[] row : rows) {
			java.sql.Timestamp contact = (java.sql.Timestamp) row[5];
			java.sql.Date deal = (java.sql.Date) row[6];
			java.sql.Timestamp pooled = (java.sql.Timestamp) row[7];
			content.add(new PoolAccount((Long) row[0], (String) row[1], (String) row[2], (String) row[3],
					(String) row[4], (contact != null) ? contact.toLocalDateTime().toLocalDate() : null,
					(deal != null) ? deal.toLocalDate() : null, (pooled != null) ? pooled.toLocalDateTime() : null,
					(row[8] != null) ? PoolReason.valueOf((String) row[8]) : null, (String) row[9],
					(row[10] != null) ? names.get(row[10]) : null, (Integer) row[11]));
			total = (Long) row[12];
		}
		if (rows.isEmpty() && page.page() > 0) {
			// Past the end: the page carries no total, so count.
			total = this.jdbc.sql("select count(*) from" + from + where).params(params).query(Long.class).single();
		}
		return new PageResult<>(content, page.page(), page.size(), total);
	}

}
