package io.dakehu.shared.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import io.dakehu.shared.DatabaseProduct;
import io.dakehu.shared.PostgresCopy;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes who changed what, field by field, in the same transaction as the change itself,
 * so a rolled-back edit leaves no audit row and a committed one always has its rows.
 */
@Service
public class AuditTrail {

	private static final int MAX_VALUE_LENGTH = 2000;

	/** From how many entries on PostgreSQL a write goes by {@code COPY}. */
	private static final int COPY_FROM = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final Clock clock;

	private final DataSource dataSource;

	private final DatabaseProduct database;

	AuditTrail(JdbcClient jdbc, JdbcTemplate template, Clock clock, DataSource dataSource, DatabaseProduct database) {
		this.database = database;
		this.jdbc = jdbc;
		this.template = template;
		this.clock = clock;
		this.dataSource = dataSource;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void created(String entityType, long entityId, Long accountId, Map<String, ?> values) {
		createdAll(entityType, List.of(new Created(entityId, accountId, values)));
	}

	/**
	 * The entries of many creations in one JDBC batch, the same as {@link #created}
	 * writes for each: a bulk import pays one round trip per chunk instead of one per
	 * record.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void createdAll(String entityType, List<Created> records) {
		if (records.isEmpty()) {
			return;
		}
		List<Entry> entries = new ArrayList<>();
		for (Created record : records) {
			int before = entries.size();
			record.values().forEach((field, value) -> {
				if (value != null) {
					entries.add(new Entry(record.entityId(), record.accountId(), new Change(field, null, value)));
				}
			});
			if (entries.size() == before) {
				entries.add(new Entry(record.entityId(), record.accountId(), new Change(null, null, null)));
			}
		}
		write(entityType, "CREATE", entries);
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void changed(String entityType, long entityId, Long accountId, Map<String, ?> before, Map<String, ?> after) {
		Set<String> fields = new LinkedHashSet<>(before.keySet());
		fields.addAll(after.keySet());
		List<Change> changes = new ArrayList<>();
		for (String field : fields) {
			Object old = before.get(field);
			Object now = after.get(field);
			if (!same(old, now)) {
				changes.add(new Change(field, old, now));
			}
		}
		if (!changes.isEmpty()) {
			write(entityType, entityId, accountId, "UPDATE", changes);
		}
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void deleted(String entityType, long entityId, Long accountId, Map<String, ?> values) {
		List<Change> changes = new ArrayList<>();
		values.forEach((field, value) -> {
			if (value != null) {
				changes.add(new Change(field, value, null));
			}
		});
		write(entityType, entityId, accountId, "DELETE",
				changes.isEmpty() ? List.of(new Change(null, null, null)) : changes);
	}

	/**
	 * The entries of a set-based change, written with one {@code INSERT … SELECT} so a
	 * change to thousands of records never passes them through Java. The owner of the
	 * records supplies the select, over its own tables, before it applies the change.
	 * @param select one row per changed field, with the columns {@code entity_id},
	 * {@code account_id}, {@code field}, {@code old_value} and {@code new_value} (text)
	 * @param params the select's named parameters; names starting with {@code audit} are
	 * this method's
	 * @return the number of entries written
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int changedWhere(String entityType, String select, Map<String, ?> params) {
		return this.jdbc.sql("""
				insert into audit_log (occurred_at, actor, entity_type, entity_id, account_id, action, field,
				                       old_value, new_value)
				select :auditAt, :auditActor, :auditType, c.entity_id, c.account_id, 'UPDATE', c.field, c.old_value,
				       c.new_value
				from (%s) c""".formatted(select))
			.params(params)
			.param("auditAt", Timestamp.valueOf(LocalDateTime.now(this.clock)))
			.param("auditActor", actor())
			.param("auditType", entityType)
			.update();
	}

	/**
	 * Files every entry recorded under one account under another, for a merge: the
	 * survivor's history then holds the absorbed account's too.
	 * @return how many entries moved
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int moveAccount(long fromAccountId, long toAccountId) {
		return this.jdbc.sql("update audit_log set account_id = :to where account_id = :from")
			.param("from", fromAccountId)
			.param("to", toAccountId)
			.update();
	}

	/**
	 * A page of what was recorded about an account and everything under it, newest first:
	 * the rows older than {@code before} (all when null), about {@code rows} of them and
	 * never a save cut in two, since a save's rows share their time. The caller checks
	 * that the viewer may see the account.
	 */
	@Transactional(readOnly = true)
	public AuditPage forAccount(long accountId, LocalDateTime before, int rows) {
		List<AuditEntry> read = accountRows(accountId, (before != null) ? "and occurred_at < :before" : "", before,
				"limit " + (rows + 1));
		if (read.size() <= rows) {
			return new AuditPage(read, null);
		}
		// The row after the page may continue the last save shown: that save goes to the
		// next page whole.
		LocalDateTime cut = read.get(rows).occurredAt();
		List<AuditEntry> shown = read.subList(0, rows).stream().filter((row) -> !row.occurredAt().equals(cut)).toList();
		if (shown.isEmpty()) {
			// One save of more rows than a page: it is shown whole.
			shown = accountRows(accountId, "and occurred_at = :before", cut, "");
		}
		return new AuditPage(shown, shown.get(shown.size() - 1).occurredAt());
	}

	private List<AuditEntry> accountRows(long accountId, String condition, LocalDateTime before, String limit) {
		JdbcClient.StatementSpec statement = this.jdbc.sql("""
				select occurred_at, actor, entity_type, entity_id, action, field, old_value, new_value
				from audit_log where account_id = :account %s order by occurred_at desc, id desc %s
				""".formatted(condition, limit)).param("account", accountId);
		if (before != null) {
			statement = statement.param("before", before);
		}
		return statement.query(AuditTrail::entry).list();
	}

	private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
		return new AuditEntry(rs.getTimestamp(1).toLocalDateTime(), rs.getString(2), rs.getString(3), rs.getLong(4),
				rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
	}

	/**
	 * The newest entries about one record of any type (users and teams have no account).
	 */
	@Transactional(readOnly = true)
	public List<AuditEntry> forEntity(String entityType, long entityId, int limit) {
		return this.jdbc.sql("""
				select occurred_at, actor, entity_type, entity_id, action, field, old_value, new_value
				from audit_log where entity_type = :type and entity_id = :id order by occurred_at desc, id desc
				limit :limit
				""")
			.param("type", entityType)
			.param("id", entityId)
			.param("limit", limit)
			.query(AuditTrail::entry)
			.list();
	}

	private void write(String entityType, long entityId, Long accountId, String action, List<Change> changes) {
		write(entityType, action, changes.stream().map((change) -> new Entry(entityId, accountId, change)).toList());
	}

	/**
	 * All changes of one save (or of many creations) in one JDBC batch: an import that
	 * creates thousands of records writes their audit entries without a round trip per
	 * field.
	 */
	private void write(String entityType, String action, List<Entry> entries) {
		LocalDateTime at = LocalDateTime.now(this.clock);
		String actor = actor();
		if (entries.size() >= COPY_FROM && this.database.postgres()) {
			copy(entityType, action, entries, at, actor);
			return;
		}
		Timestamp now = Timestamp.valueOf(at);
		this.template.batchUpdate("""
				insert into audit_log (occurred_at, actor, entity_type, entity_id, account_id, action, field,
				                       old_value, new_value)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""", entries, entries.size(), (ps, entry) -> {
			ps.setTimestamp(1, now);
			ps.setString(2, actor);
			ps.setString(3, entityType);
			ps.setLong(4, entry.entityId());
			if (entry.accountId() != null) {
				ps.setLong(5, entry.accountId());
			}
			else {
				ps.setNull(5, Types.BIGINT);
			}
			ps.setString(6, action);
			ps.setString(7, entry.change().field());
			ps.setString(8, text(entry.change().before()));
			ps.setString(9, text(entry.change().after()));
		});
	}

	/**
	 * PostgreSQL's bulk path for an import's entries ({@link PostgresCopy}), as the order
	 * ledger writes its lines: a receipts import writes six entries a receipt, which as a
	 * batch of inserts was the largest part of its time (BENCHMARKS.md).
	 */
	private void copy(String entityType, String action, List<Entry> entries, LocalDateTime at, String actor) {
		List<List<Object>> rows = new ArrayList<>(entries.size());
		for (Entry entry : entries) {
			rows.add(Arrays.asList(at, actor, entityType, entry.entityId(), entry.accountId(), action,
					entry.change().field(), text(entry.change().before()), text(entry.change().after())));
		}
		PostgresCopy.copy(this.dataSource, "audit_log", List.of("occurred_at", "actor", "entity_type", "entity_id",
				"account_id", "action", "field", "old_value", "new_value"), rows);
	}

	/**
	 * Whether a field kept its value: amounts compare as numbers, so 21000 and 21000.00
	 * are the same amount.
	 */
	private static boolean same(Object old, Object now) {
		if (old instanceof java.math.BigDecimal a && now instanceof java.math.BigDecimal b) {
			return a.compareTo(b) == 0;
		}
		return Objects.equals(text(old), text(now));
	}

	private static String actor() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.isAuthenticated()) ? authentication.getName() : "system";
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		return (text.length() > MAX_VALUE_LENGTH) ? text.substring(0, MAX_VALUE_LENGTH) : text;
	}

	/**
	 * A record just created, with its fields as {@link #created} takes them.
	 */
	public record Created(long entityId, Long accountId, Map<String, ?> values) {
	}

	private record Change(String field, Object before, Object after) {
	}

	private record Entry(long entityId, Long accountId, Change change) {
	}

}
