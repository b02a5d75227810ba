package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Reads and writes scorecards and their versions. A version is written once, whole, and
 * never changed: editing a card writes the next version.
 */
@Component
class ScorecardStore {

	private final JdbcClient jdbc;

	ScorecardStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<ScorecardSummary> all() {
		return this.jdbc.sql("""
				select s.id, s.kind, s.name_zh, s.name_en, s.current_version, s.retired, s.version, v.id
				from scorecard s join scorecard_version v on v.scorecard_id = s.id and v.version_no = s.current_version
				order by s.kind, s.retired, s.id""").query(ScorecardStore::summary).list();
	}

	Optional<ScorecardSummary> find(long id) {
		return this.jdbc.sql("""
				select s.id, s.kind, s.name_zh, s.name_en, s.current_version, s.retired, s.version, v.id
				from scorecard s join scorecard_version v on v.scorecard_id = s.id and v.version_no = s.current_version
				where s.id = :id""").param("id", id).query(ScorecardStore::summary).optional();
	}

	/** The card of a kind in use: the newest that is not retired. */
	Optional<ScorecardSummary> inUse(ScorecardKind kind) {
		return this.jdbc.sql("""
				select s.id, s.kind, s.name_zh, s.name_en, s.current_version, s.retired, s.version, v.id
				from scorecard s join scorecard_version v on v.scorecard_id = s.id and v.version_no = s.current_version
				where s.kind = :kind and s.retired = false order by s.id desc""")
			.param("kind", kind.name())
			.query(ScorecardStore::summary)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * The grade codes of the current version of the card of a kind in use, in the card's
	 * order; empty when no card of the kind is in use. One statement for what a list's
	 * menu needs, instead of reading the whole card.
	 */
	List<String> gradeCodesInUse(ScorecardKind kind) {
		return this.jdbc
			.sql("""
					select g.code from scorecard_grade g
					where g.version_id = (select v.id from scorecard s
					                      join scorecard_version v on v.scorecard_id = s.id and v.version_no = s.current_version
					                      where s.kind = :kind and s.retired = false order by s.id desc limit 1)
					order by g.position""")
			.param("kind", kind.name())
			.query(String.class)
			.list();
	}

	/** Every version of a card, the newest first. */
	List<VersionSummary> versions(long scorecardId) {
		return this.jdbc.sql("""
				select id, version_no, created_by, created_at from scorecard_version
				where scorecard_id = :id order by version_no desc""")
			.param("id", scorecardId)
			.query((rs, n) -> new VersionSummary(rs.getLong(1), rs.getInt(2), rs.getString(3),
					rs.getTimestamp(4).toLocalDateTime()))
			.list();
	}

	Optional<ScorecardVersion> version(long versionId) {
		Optional<Map<String, Object>> head = this.jdbc.sql("""
				select v.id, v.scorecard_id, s.kind, v.version_no, v.created_by, v.created_at
				from scorecard_version v join scorecard s on s.id = v.scorecard_id where v.id = :id""")
			.param("id", versionId)
			.query((rs, n) -> Map.<String, Object>of("scorecard", rs.getLong(2), "kind", rs.getString(3), "no",
					rs.getInt(4), "by", rs.getString(5), "at", rs.getTimestamp(6).toLocalDateTime()))
			.optional();
		if (head.isEmpty()) {
			return Optional.empty();
		}
		Map<Integer, List<Band>> bands = new LinkedHashMap<>();
		this.jdbc.sql("""
				select number, op, threshold, points from scorecard_band
				where version_id = :id order by number, position""").param("id", versionId).query((ResultSet rs) -> {
			bands.computeIfAbsent(rs.getInt(1), (k) -> new ArrayList<>())
				.add(new Band(Band.Op.valueOf(rs.getString(2).strip()), rs.getString(3), points(rs, 4)));
		});
		List<Indicator> indicators = this.jdbc.sql("""
				select number, category, category_zh, category_en, name_zh, name_en, financial, points, input_type,
				       source
				from scorecard_indicator where version_id = :id order by number""")
			.param("id", versionId)
			.query((rs, n) -> new Indicator(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getBoolean(7), points(rs, 8),
					InputType.valueOf(rs.getString(9).strip()), IndicatorSource.valueOf(rs.getString(10).strip()),
					bands.getOrDefault(rs.getInt(1), List.of())))
			.list();
		List<GradeBand> grades = this.jdbc.sql("""
				select code, name_zh, name_en, min_score from scorecard_grade
				where version_id = :id order by position""")
			.param("id", versionId)
			.query((rs, n) -> new GradeBand(rs.getString(1), rs.getString(2), rs.getString(3), points(rs, 4)))
			.list();
		Map<String, Object> h = head.get();
		return Optional.of(new ScorecardVersion(versionId, (Long) h.get("scorecard"),
				ScorecardKind.valueOf((String) h.get("kind")), (Integer) h.get("no"), (String) h.get("by"),
				(LocalDateTime) h.get("at"), indicators, grades));
	}

	long create(ScorecardDraft draft) {
		// The newest card of a kind is the one in use; the earlier ones retire, their
		// evaluations keeping the versions they were scored with.
		this.jdbc.sql("update scorecard set retired = true, version = version + 1 where kind = :kind")
			.param("kind", draft.kind().name())
			.update();
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into scorecard (kind, name_zh, name_en, current_version) values (:kind, :zh, :en, 0)""")
			.param("kind", draft.kind().name())
			.param("zh", draft.nameZh().strip())
			.param("en", draft.nameEn().strip())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/**
	 * Writes the next version of a card and moves the card to it.
	 * @return the new version's number, or empty when the card changed since
	 * {@code expectedVersion} (another edit won)
	 */
	Optional<Integer> addVersion(long scorecardId, int expectedVersion, ScorecardDraft draft, String by,
			LocalDateTime at) {
		int moved = this.jdbc.sql("""
				update scorecard set current_version = current_version + 1, version = version + 1,
				    name_zh = :zh, name_en = :en
				where id = :id and version = :expected""")
			.param("id", scorecardId)
			.param("expected", expectedVersion)
			.param("zh", draft.nameZh().strip())
			.param("en", draft.nameEn().strip())
			.update();
		if (moved == 0) {
			return Optional.empty();
		}
		int versionNo = this.jdbc.sql("select current_version from scorecard where id = :id")
			.param("id", scorecardId)
			.query(Integer.class)
			.single();
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into scorecard_version (scorecard_id, version_no, created_by, created_at)
				values (:card, :no, :by, :at)""")
			.param("card", scorecardId)
			.param("no", versionNo)
			.param("by", by)
			.param("at", at)
			.update(keys, "id");
		long versionId = keys.getKeyAs(Number.class).longValue();
		for (Indicator i : draft.indicators()) {
			this.jdbc.sql("""
					insert into scorecard_indicator (version_id, number, category, category_zh, category_en, name_zh,
					    name_en, financial, points, input_type, source)
					values (:v, :n, :cat, :catZh, :catEn, :zh, :en, :financial, :points, :type, :source)""")
				.param("v", versionId)
				.param("n", i.number())
				.param("cat", i.category().strip())
				.param("catZh", i.categoryZh().strip())
				.param("catEn", i.categoryEn().strip())
				.param("zh", i.nameZh().strip())
				.param("en", i.nameEn().strip())
				.param("financial", i.financial())
				.param("points", i.points())
				.param("type", i.inputType().name())
				.param("source", i.source().name())
				.update();
			for (int b = 0; b < i.bands().size(); b++) {
				Band band = i.bands().get(b);
				this.jdbc.sql("""
						insert into scorecard_band (version_id, number, position, op, threshold, points)
						values (:v, :n, :p, :op, :threshold, :points)""")
					.param("v", versionId)
					.param("n", i.number())
					.param("p", b + 1)
					.param("op", band.op().name())
					.param("threshold", (band.op() == Band.Op.ELSE) ? null : band.threshold().strip())
					.param("points", band.points())
					.update();
			}
		}
		for (int g = 0; g < draft.grades().size(); g++) {
			GradeBand grade = draft.grades().get(g);
			this.jdbc.sql("""
					insert into scorecard_grade (version_id, position, code, name_zh, name_en, min_score)
					values (:v, :p, :code, :zh, :en, :min)""")
				.param("v", versionId)
				.param("p", g + 1)
				.param("code", grade.code())
				.param("zh", grade.nameZh().strip())
				.param("en", grade.nameEn().strip())
				.param("min", grade.minScore())
				.update();
		}
		return Optional.of(versionNo);
	}

	private static BigDecimal points(ResultSet rs, int column) throws SQLException {
		BigDecimal stripped = rs.getBigDecimal(column).stripTrailingZeros();
		return (stripped.scale() < 0) ? stripped.setScale(0) : stripped;
	}

	private static ScorecardSummary summary(ResultSet rs, int n) throws SQLException {
		return new ScorecardSummary(rs.getLong(1), ScorecardKind.valueOf(rs.getString(2).strip()), rs.getString(3),
				rs.getString(4), rs.getInt(5), rs.getBoolean(6), rs.getInt(7), rs.getLong(8));
	}

}
