package io.dakehu.dataimport;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

import io.dakehu.shared.cluster.Nodes;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The import_job and import_error tables. Every write here commits on its own (a new
 * transaction even inside a commit pass), so progress and errors are visible while an
 * import runs and survive its rollback; only {@link #committed} joins the caller's
 * transaction, so the data and the COMMITTED status land together or not at all.
 */
@Component
class JobStore {

	/** Rejected cells kept per job; beyond this only the counts grow. */
	static final int MAX_STORED_ERRORS = 10_000;

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private final TransactionTemplate separate;

	private final Clock clock;

	private final Nodes nodes;

	JobStore(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, Clock clock,
			Nodes nodes) {
		this.jdbc = jdbc;
		this.nodes = nodes;
		this.template = template;
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	record Job(long id, ImportType type, String origin, String fileName, String storedFile, String format,
			String charset, String delimiter, String source, String mapping, DuplicatePolicy duplicates,
			ImportStatus status, boolean preview, long createdBy, LocalDateTime createdAt, LocalDateTime updatedAt,
			LocalDateTime startedAt, long totalRows, long validRows, long errorRows, long processedRows,
			long committedRows, String message) {
	}

	long create(ImportType type, String origin, String fileName, String storedFile, TableFile.Layout layout,
			String source, String mapping, DuplicatePolicy duplicates, boolean preview, long createdBy) {
		return this.separate.execute((status) -> {
			LocalDateTime now = now();
			org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
			this.jdbc.sql("""
					insert into import_job (type, origin, file_name, stored_file, format, charset, delimiter_char,
					                        source, column_mapping, on_duplicate, status, preview, created_by,
					                        created_at, updated_at, started_at, node_id)
					values (:type, :origin, :fileName, :storedFile, :format, :charset, :delimiter, :source, :mapping,
					        :duplicates, 'VALIDATING', :preview, :createdBy, :now, :now, :now, :node)""")
				.param("node", this.nodes.id())
				.param("duplicates", duplicates.name())
				.param("mapping", mapping)
				.param("source", source)
				.param("type", type.name())
				.param("origin", origin)
				.param("fileName", Cells.visible(fileName))
				.param("storedFile", storedFile)
				.param("format", layout.format())
				.param("charset", layout.charsetName())
				.param("delimiter", layout.xlsx() ? null : String.valueOf(layout.delimiter()))
				.param("preview", preview)
				.param("createdBy", createdBy)
				.param("now", now)
				.update(keys, "id");
			return keys.getKey().longValue();
		});
	}

	Optional<Job> find(long id) {
		return this.jdbc.sql("select * from import_job where id = :id").param("id", id).query(JobStore::job).optional();
	}

	/**
	 * Ids of the newest jobs, of one user or (null) of everyone.
	 */
	List<Long> recent(Long createdBy, int limit) {
		return this.jdbc
			.sql("select id from import_job" + ((createdBy != null) ? " where created_by = :user" : "")
					+ " order by id desc limit :limit")
			.params((createdBy != null) ? java.util.Map.of("user", createdBy, "limit", limit)
					: java.util.Map.of("limit", limit))
			.query(Long.class)
			.list();
	}

	boolean anyFrom(String origin) {
		return this.jdbc.sql("select count(*) from import_job where origin = :origin")
			.param("origin", origin)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Moves a job from one status to another, only if it is still in the first: two
	 * clicks on "commit" start one commit. A job set running is this node's: its pass
	 * runs here, whichever node validated it.
	 * @return whether the job moved
	 */
	boolean move(long id, ImportStatus from, ImportStatus to, String message) {
		String progress = (to == ImportStatus.VALIDATING || to == ImportStatus.COMMITTING)
				? ", started_at = :now, processed_rows = 0, node_id = :node" : "";
		return Boolean.TRUE.equals(this.separate.execute((status) -> this.jdbc
			.sql("update import_job set status = :to, message = :message, updated_at = :now" + progress
					+ " where id = :id and status = :from")
			.param("to", to.name())
			.param("from", from.name())
			.param("node", this.nodes.id())
			.param("message", message)
			.param("now", now())
			.param("id", id)
			.update() == 1));
	}

	/**
	 * Records a running job's progress, which is also the sign of life the watchdog looks
	 * for.
	 * @throws Abandoned when the job no longer runs (the watchdog failed it)
	 */
	void progress(long id, long total, long errors, long processed) {
		running(this.separate.execute((status) -> this.jdbc.sql("""
				update import_job set total_rows = :total, error_rows = :errors, valid_rows = :total - :errors,
				       processed_rows = :processed, updated_at = :now
				where id = :id and status in ('VALIDATING', 'COMMITTING')""")
			.param("total", total)
			.param("errors", errors)
			.param("processed", processed)
			.param("now", now())
			.param("id", id)
			.update()));
	}

	/**
	 * @throws Abandoned when the job no longer runs (the watchdog failed it)
	 */
	void processed(long id, long processed) {
		running(this.separate.execute((status) -> this.jdbc.sql("""
				update import_job set processed_rows = :processed, updated_at = :now
				where id = :id and status in ('VALIDATING', 'COMMITTING')""")
			.param("processed", processed)
			.param("now", now())
			.param("id", id)
			.update()));
	}

	/**
	 * Ends a running job; one that has ended already (failed by the watchdog, discarded)
	 * keeps its status.
	 */
	void finish(long id, ImportStatus to, String message) {
		this.separate.executeWithoutResult((status) -> this.jdbc.sql("""
				update import_job set status = :to, message = :message, updated_at = :now
				where id = :id and status in ('VALIDATING', 'COMMITTING')""")
			.param("to", to.name())
			.param("message", Cells.visible(message))
			.param("now", now())
			.param("id", id)
			.update());
	}

	/**
	 * Marks the job committed inside the caller's (the commit's) transaction.
	 * @throws Abandoned when the job no longer runs, so that its rows roll back
	 */
	void committed(long id, long rows, long processed) {
		running(this.jdbc.sql("""
				update import_job set status = 'COMMITTED', committed_rows = :rows, processed_rows = :processed,
				       message = null, updated_at = :now
				where id = :id and status in ('VALIDATING', 'COMMITTING')""")
			.param("rows", rows)
			.param("processed", processed)
			.param("now", now())
			.param("id", id)
			.update());
	}

	private static void running(Integer updated) {
		if (updated == null || updated == 0) {
			throw new Abandoned();
		}
	}

	/**
	 * A pass whose job has ended under it (the watchdog failed it, or it was discarded
	 * since): the pass stops, and what it wrote rolls back.
	 */
	static final class Abandoned extends RuntimeException {

		Abandoned() {
			super("the job no longer runs", null, false, false);
		}

	}

	/**
	 * How many jobs of a user are running (being validated or committed).
	 */
	int runningOf(long userId) {
		return this.jdbc
			.sql("select count(*) from import_job where created_by = :user and status in ('VALIDATING', 'COMMITTING')")
			.param("user", userId)
			.query(Integer.class)
			.single();
	}

	/**
	 * Fails the running jobs that recorded no progress since the given time: their thread
	 * died or hangs.
	 * @return the stored files of the jobs it failed, one per job (null for a job
	 * without)
	 */
	List<String> failStalled(LocalDateTime quietSince, String message) {
		return this.separate.execute((status) -> {
			List<Long> ids = this.jdbc.sql("""
					select id from import_job
					where status in ('VALIDATING', 'COMMITTING') and updated_at < :since""")
				.param("since", quietSince)
				.query(Long.class)
				.list();
			List<String> files = new java.util.ArrayList<>();
			for (long id : ids) {
				String file = this.jdbc.sql("select stored_file from import_job where id = :id")
					.param("id", id)
					.query(String.class)
					.optional()
					.orElse(null);
				int failed = this.jdbc.sql("""
						update import_job set status = 'FAILED', message = :message, updated_at = :now
						where id = :id and status in ('VALIDATING', 'COMMITTING') and updated_at < :since""")
					.param("message", message)
					.param("now", now())
					.param("id", id)
					.param("since", quietSince)
					.update();
				if (failed == 1) {
					files.add(file);
				}
			}
			return files;
		});
	}

	/**
	 * Stores rejected cells up to the cap.
	 * @param alreadyStored how many this job has stored so far
	 * @return how many it has stored now
	 */
	int addErrors(long id, List<ImportJobView.Error> errors, int alreadyStored) {
		int room = MAX_STORED_ERRORS - alreadyStored;
		if (errors.isEmpty() || room <= 0) {
			return alreadyStored;
		}
		List<ImportJobView.Error> stored = (errors.size() > room) ? errors.subList(0, room) : errors;
		this.separate.executeWithoutResult((status) -> this.template.batchUpdate("""
				insert into import_error (job_id, row_no, column_name, cell_value, reason, detail)
				values (?, ?, ?, ?, ?, ?)""", stored, stored.size(), (ps, error) -> {
			ps.setLong(1, id);
			ps.setLong(2, error.row());
			ps.setString(3, cut(error.column(), 100));
			ps.setString(4, cut(error.value(), 500));
			ps.setString(5, cut(error.reason(), 100));
			ps.setString(6, cut(error.code(), 500));
		}));
		return alreadyStored + stored.size();
	}

	/**
	 * Stages subsidiaries written before their parent. Unlike the rest of this store it
	 * joins the caller's transaction: the staged rows belong to the pass and roll back
	 * with it.
	 */
	void addPendingParents(long jobId, List<PendingParent> pending) {
		if (pending.isEmpty()) {
			return;
		}
		this.template.batchUpdate("""
				insert into import_pending_parent (job_id, row_no, column_name, parent_name, account_id)
				values (?, ?, ?, ?, ?)""", pending, pending.size(), (statement, parent) -> {
			statement.setLong(1, jobId);
			statement.setLong(2, parent.row());
			statement.setString(3, parent.column());
			statement.setString(4, parent.parentName());
			statement.setLong(5, parent.accountId());
		});
	}

	/**
	 * The job's staged subsidiaries after a row, in row order, a page at a time.
	 */
	List<PendingParent> pendingParents(long jobId, long afterRow, int limit) {
		return this.jdbc.sql("""
				select row_no, column_name, parent_name, account_id from import_pending_parent
				where job_id = :job and row_no > :after order by row_no limit :limit""")
			.param("job", jobId)
			.param("after", afterRow)
			.param("limit", limit)
			.query((rs, n) -> new PendingParent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)))
			.list();
	}

	/**
	 * Drops the job's staged subsidiaries once they are placed, in the caller's
	 * transaction.
	 */
	void clearPendingParents(long jobId) {
		this.jdbc.sql("delete from import_pending_parent where job_id = :job").param("job", jobId).update();
	}

	/**
	 * An account written before its parent: the file row it came from, the parent column
	 * as the file names it, and the parent's name.
	 */
	record PendingParent(long row, String column, String parentName, long accountId) {
	}

	void clearErrors(long id) {
		this.separate.executeWithoutResult(
				(status) -> this.jdbc.sql("delete from import_error where job_id = :id").param("id", id).update());
	}

	/**
	 * Stored errors, with the reason key in {@code reason} and its argument in
	 * {@code code}; the caller turns them into words.
	 */
	List<ImportJobView.Error> errors(long id, int limit) {
		return this.jdbc.sql("""
				select row_no, column_name, cell_value, reason, detail from import_error where job_id = :id
				order by row_no, id limit :limit""")
			.param("id", id)
			.param("limit", limit)
			.query((rs, n) -> new ImportJobView.Error(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5)))
			.list();
	}

	BitSet rejectedRows(long id) {
		BitSet rows = new BitSet();
		this.jdbc.sql("select distinct row_no from import_error where job_id = :id")
			.param("id", id)
			.query((ResultSet rs) -> rows.set((int) rs.getLong(1)));
		return rows;
	}

	/**
	 * Jobs left running by a node that is gone (decision 0027): their work was rolled
	 * back with the node's process, so they are failed for good. Jobs of nodes alive,
	 * this one among them, are left alone; a job without a node (from before nodes were
	 * recorded) counts as gone.
	 * @param live the ids of the nodes alive now
	 * @return the stored files of the jobs it failed
	 */
	List<String> failInterrupted(String message, List<String> live) {
		// This node is alive whatever its last heartbeat says: it is running this.
		java.util.Set<String> alive = new java.util.HashSet<>(live);
		alive.add(this.nodes.id());
		String running = "status in ('VALIDATING', 'COMMITTING') and (node_id is null or node_id not in (:live))";
		return this.separate.execute((status) -> {
			List<Job> gone = this.jdbc.sql("select * from import_job where " + running)
				.param("live", alive)
				.query(JobStore::job)
				.list();
			List<String> files = new java.util.ArrayList<>();
			for (Job job : gone) {
				int failed = this.jdbc
					.sql("update import_job set status = 'FAILED', message = :message, updated_at = :now"
							+ " where id = :id and " + running)
					.param("message", message)
					.param("now", now())
					.param("id", job.id())
					.param("live", alive)
					.update();
				if (failed == 1 && job.storedFile() != null) {
					files.add(job.storedFile());
				}
			}
			return files;
		});
	}

	/**
	 * Jobs of a database restored from a backup that were running or waiting for a
	 * decision: their files stayed with the old host, so they are failed without reading
	 * or deleting any file (decision 0022).
	 * @return how many were failed
	 */
	int failRestored(String message) {
		return this.jdbc.sql("""
				update import_job set status = 'FAILED', message = :message, updated_at = :now
				where status in ('VALIDATING', 'COMMITTING', 'VALIDATED')""")
			.param("message", message)
			.param("now", now())
			.update();
	}

	/**
	 * Saves a column mapping under a name for the type, replacing the owner's one of the
	 * same name.
	 * @param ownerId the user it is kept for; null for a mapping shared with everyone
	 */
	void saveMapping(ImportType type, String name, String mapping, Long ownerId, long userId) {
		this.separate.executeWithoutResult((status) -> {
			this.jdbc
				.sql("delete from import_mapping where type = :type and name = :name and "
						+ ((ownerId != null) ? "owner_id = :owner" : "owner_id is null"))
				.param("type", type.name())
				.param("name", name)
				.param("owner", ownerId)
				.update();
			this.jdbc.sql("""
					insert into import_mapping (type, name, mapping, owner_id, created_by, created_at)
					values (:type, :name, :mapping, :owner, :user, :now)""")
				.param("type", type.name())
				.param("name", name)
				.param("mapping", mapping)
				.param("owner", ownerId)
				.param("user", userId)
				.param("now", now())
				.update();
		});
	}

	/**
	 * The mapping of that name the user may use: their own, else the shared one.
	 */
	Optional<String> mapping(ImportType type, String name, long userId) {
		return this.jdbc.sql("""
				select mapping from import_mapping
				where type = :type and name = :name and (owner_id = :user or owner_id is null)
				order by owner_id nulls last, id desc""")
			.param("type", type.name())
			.param("name", name)
			.param("user", userId)
			.query(String.class)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * The mappings of a type the user may use, by name in name order: the shared ones and
	 * their own, their own winning over a shared one of the same name.
	 * @return name to the mapping and whether it is the shared one
	 */
	java.util.Map<String, SavedMapping> mappings(ImportType type, long userId) {
		java.util.Map<String, SavedMapping> mappings = new java.util.TreeMap<>();
		this.jdbc.sql("""
				select name, mapping, owner_id from import_mapping
				where type = :type and (owner_id = :user or owner_id is null)
				order by owner_id nulls first, id""")
			.param("type", type.name())
			.param("user", userId)
			.query((ResultSet rs) -> {
				mappings.put(rs.getString(1), new SavedMapping(rs.getString(2), rs.getObject(3) == null));
			});
		return mappings;
	}

	/** A saved mapping as JSON and whether an administrator shared it. */
	record SavedMapping(String json, boolean shared) {
	}

	private static String cut(String text, int max) {
		return (text != null && text.length() > max) ? text.substring(0, max) : text;
	}

	private LocalDateTime now() {
		return LocalDateTime.now(this.clock);
	}

	private static Job job(ResultSet rs, int n) throws SQLException {
		Timestamp started = rs.getTimestamp("started_at");
		return new Job(rs.getLong("id"), ImportType.valueOf(rs.getString("type")), rs.getString("origin"),
				rs.getString("file_name"), rs.getString("stored_file"), rs.getString("format"), rs.getString("charset"),
				rs.getString("delimiter_char"), rs.getString("source"), rs.getString("column_mapping"),
				DuplicatePolicy.valueOf(rs.getString("on_duplicate")), ImportStatus.valueOf(rs.getString("status")),
				rs.getBoolean("preview"), rs.getLong("created_by"), rs.getTimestamp("created_at").toLocalDateTime(),
				rs.getTimestamp("updated_at").toLocalDateTime(), (started != null) ? started.toLocalDateTime() : null,
				rs.getLong("total_rows"), rs.getLong("valid_rows"), rs.getLong("error_rows"),
				rs.getLong("processed_rows"), rs.getLong("committed_rows"), rs.getString("message"));
	}

}
