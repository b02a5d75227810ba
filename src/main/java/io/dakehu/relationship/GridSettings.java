package io.dakehu.relationship;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.audit.AuditTrail;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * The 25-grid's configuration: the stage of each cell and the names and next moves of
 * each level. Read by everyone, changed only by an administrator, every change audited.
 */
@Service
@Transactional(readOnly = true)
public class GridSettings {

	/** The audit log's record for the grid configuration, which has no account. */
	static final long SETTINGS_ID = 1;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	GridSettings(JdbcClient jdbc, AuditTrail audit) {
		this.jdbc = jdbc;
		this.audit = audit;
	}

	public StageTable stageTable() {
		List<List<RelationshipStage>> rows = new ArrayList<>();
		for (int p = 0; p < 5; p++) {
			List<RelationshipStage> row = new ArrayList<>();
			for (int c = 0; c < 5; c++) {
				row.add(null);
			}
			rows.add(row);
		}
		this.jdbc.sql("select personal, company, stage from grid_stage").query((rs, n) -> {
			String stage = rs.getString(3);
			rows.get(rs.getInt(1) - 1).set(rs.getInt(2) - 1, (stage != null) ? RelationshipStage.valueOf(stage) : null);
			return null;
		}).list();
		return new StageTable(rows);
	}

	/**
	 * Both axes' levels 0–5, in order.
	 */
	public Map<GridAxis, List<GridLevel>> levels() {
		Map<GridAxis, List<GridLevel>> levels = new EnumMap<>(GridAxis.class);
		for (GridAxis axis : GridAxis.values()) {
			levels.put(axis, new ArrayList<>());
		}
		this.jdbc
			.sql("""
					select axis, level, name_en, name_zh, next_move_en, next_move_zh from grid_level order by axis, level""")
			.query((rs, n) -> new GridLevel(GridAxis.valueOf(rs.getString(1)), rs.getInt(2), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6)))
			.list()
			.forEach((level) -> levels.get(level.axis()).add(level));
		return levels;
	}

	@Transactional
	public StageTable changeStageTable(CurrentUser admin, StageTable table) {
		requireAdmin(admin);
		StageTable before = stageTable();
		for (int p = 1; p <= 5; p++) {
			for (int c = 1; c <= 5; c++) {
				RelationshipStage stage = table.stageOf(p, c);
				this.jdbc.sql("update grid_stage set stage = :stage where personal = :p and company = :c")
					.param("stage", (stage != null) ? stage.name() : null)
					.param("p", p)
					.param("c", c)
					.update();
			}
		}
		this.audit.changed("GridStageTable", SETTINGS_ID, null, auditValues(before), auditValues(table));
		return stageTable();
	}

	/**
	 * Replaces the names and next moves of the given levels; levels not named stay.
	 * @throws RuleViolationException when a name is missing or a text too long
	 */
	@Transactional
	public Map<GridAxis, List<GridLevel>> renameLevels(CurrentUser admin, List<GridLevel> changes) {
		requireAdmin(admin);
		Map<GridAxis, List<GridLevel>> before = levels();
		for (GridLevel level : changes) {
			if (level.axis() == null || level.level() < 0 || level.level() > 5) {
				throw new RuleViolationException("level", "relationship.validation.level");
			}
			String field = level.axis().name().toLowerCase() + level.level();
			requireText(field + ".nameEn", level.nameEn(), 100);
			requireText(field + ".nameZh", level.nameZh(), 100);
			checkLength(field + ".nextMoveEn", level.nextMoveEn(), 500);
			checkLength(field + ".nextMoveZh", level.nextMoveZh(), 500);
			GridLevel old = before.get(level.axis()).get(level.level());
			this.jdbc.sql("""
					update grid_level set name_en = :nameEn, name_zh = :nameZh, next_move_en = :moveEn,
					       next_move_zh = :moveZh
					where axis = :axis and level = :level""")
				.param("nameEn", level.nameEn().strip())
				.param("nameZh", level.nameZh().strip())
				.param("moveEn", trim(level.nextMoveEn()))
				.param("moveZh", trim(level.nextMoveZh()))
				.param("axis", level.axis().name())
				.param("level", level.level())
				.update();
			this.audit.changed("GridLevel", levelId(level), null, auditValues(old),
					auditValues(new GridLevel(level.axis(), level.level(), level.nameEn().strip(),
							level.nameZh().strip(), trim(level.nextMoveEn()), trim(level.nextMoveZh()))));
		}
		return levels();
	}

	/** The audit log's id of a level: 10 × axis + level, stable and readable. */
	static long levelId(GridLevel level) {
		return (level.axis().ordinal() + 1) * 10L + level.level();
	}

	private static void requireAdmin(CurrentUser user) {
		if (!user.isAdmin()) {
			throw new AccessDeniedException("Only an administrator changes the 25-grid");
		}
	}

	private static void requireText(String field, String value, int max) {
		if (!StringUtils.hasText(value) || value.strip().length() > max) {
			throw new RuleViolationException(field, "validation.requiredMax", max);
		}
	}

	private static void checkLength(String field, String value, int max) {
		if (value != null && value.strip().length() > max) {
			throw new RuleViolationException(field, "relationship.validation.tooLong", max);
		}
	}

	private static String trim(String value) {
		return StringUtils.hasText(value) ? value.strip() : null;
	}

	private static Map<String, Object> auditValues(StageTable table) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (int p = 1; p <= 5; p++) {
			for (int c = 1; c <= 5; c++) {
				values.put("cell" + p + c, table.stageOf(p, c));
			}
		}
		return values;
	}

	private static Map<String, Object> auditValues(GridLevel level) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("nameEn", level.nameEn());
		values.put("nameZh", level.nameZh());
		values.put("nextMoveEn", level.nextMoveEn());
		values.put("nextMoveZh", level.nextMoveZh());
		return values;
	}

}
