package io.dakehu.shared;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The two-character pieces that many names of a table hold, as PostgreSQL's statistics of
 * its {@code name_grams} column count them (the most common elements, refreshed by every
 * analyse): in Chinese company names "有限", "限公", "公司" and a city's name, in Latin ones
 * "co", "er". Looking such a piece up in the index reads a posting list of most of the
 * table to narrow nothing (decision 0067). Remembered for ten minutes per table; a table
 * never analysed has none.
 */
@Component
class CommonNamePieces {

	/**
	 * A piece held by the names of more rows than this share is common: at a million
	 * rows, ten thousand.
	 */
	static final double COMMON_SHARE = 0.01;

	private final JdbcClient jdbc;

	private final Cache<String, Map<String, Double>> known = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofMinutes(10))
		.maximumSize(100)
		.build();

	CommonNamePieces(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param table the table whose names are searched, as the search's statement names it
	 * @return the common pieces with the share of the table's rows whose name holds each
	 */
	Map<String, Double> of(String table) {
		return this.known.get(table, this::read);
	}

	private Map<String, Double> read(String table) {
		// The statistics of the table the name resolves to on the search path (a
		// temporary table included); the element frequencies end in three summary
		// figures, which pair with no element. They are shares of the rows with a
		// name: a deal may have none, and a piece every named deal holds is in few of
		// the table's rows when few deals are named, which is what an index lookup and
		// a read of the whole table cost in proportion to (decision 0072).
		Map<String, Double> common = new HashMap<>();
		this.jdbc
			.sql("""
					select m.piece, m.share * (1 - s.null_frac) from pg_class c
					join pg_stats s on s.schemaname = c.relnamespace::regnamespace::text and s.tablename = c.relname
					cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as m(piece, share)
					where c.oid = to_regclass(:table) and s.attname = 'name_grams' and m.piece is not null
					  and m.share * (1 - s.null_frac) > :common""")
			.param("table", table)
			.param("common", COMMON_SHARE)
			.query((rs, n) -> common.put(rs.getString(1), rs.getDouble(2)))
			.list();
		return Map.copyOf(common);
	}

}
