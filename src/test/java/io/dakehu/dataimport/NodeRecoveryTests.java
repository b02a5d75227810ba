package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.dakehu.shared.cluster.Nodes;
import io.dakehu.support.ApiTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery fails only the import jobs of a node that is gone (decision 0027): rows of
 * nodes with a fresh and a stale heartbeat, and jobs running on each, written directly;
 * then the check every node runs at start and each interval. The heartbeat interval is
 * the default 10 seconds, so a node is gone after 30.
 */
abstract class NodeRecoveryTests extends ApiTestSupport {

	@Autowired
	private InterruptedJobs recovery;

	@Autowired
	private Nodes nodes;

	private final List<Long> jobs = new ArrayList<>();

	@Test
	void failsTheRunningJobsOfAGoneNodeOnlyAndSaysWhy() throws IOException {
		LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
		node("node-alive", now.minusSeconds(12));
		node("node-gone", now.minusSeconds(95));
		long alive = job("node-alive", "VALIDATING");
		long aliveCommitting = job("node-alive", "COMMITTING");
		long gone = job("node-gone", "VALIDATING");
		long goneCommitting = job("node-gone", "COMMITTING");
		long forgotten = job("node-without-a-row", "VALIDATING");
		long beforeNodes = job(null, "COMMITTING");
		long waiting = job("node-gone", "VALIDATED");
		long mine = job(this.nodes.id(), "VALIDATING");

		// Not the scheduled, locked check: this node's own may hold the lock right now,
		// and a locked call is skipped.
		this.recovery.failJobsOfGoneNodes();

		assertThat(status(alive)).isEqualTo("VALIDATING");
		assertThat(status(aliveCommitting)).isEqualTo("COMMITTING");
		assertThat(status(mine)).as("this node's own job").isEqualTo("VALIDATING");
		assertThat(status(waiting)).as("a job waiting for its owner runs on no node").isEqualTo("VALIDATED");
		for (long failed : new long[] { gone, goneCommitting, forgotten, beforeNodes }) {
			assertThat(status(failed)).as("job " + failed).isEqualTo("FAILED");
		}
		// The owner reads why, in words: the server stopped, nothing was imported.
		String expected = bundle().getProperty("import.interrupted");
		assertThat(expected).contains("nothing was imported");
		assertThat(this.api.get("admin", "/api/v1/imports/" + gone).expect(200).text("message")).isEqualTo(expected);
	}

	/** The jobs left running here would count against the administrator's limit. */
	@AfterEach
	void endTheJobsLeftRunning() {
		if (!this.jobs.isEmpty()) {
			this.jdbc.sql("update import_job set status = 'DISCARDED' where id in (:ids) and status <> 'FAILED'")
				.param("ids", this.jobs)
				.update();
			this.jobs.clear();
		}
	}

	@Test
	void thisNodeBeatsAndCountsAsAlive() {
		this.nodes.beat();
		LocalDateTime beat = this.jdbc.sql("select heartbeat_at from app_node where id = :id")
			.param("id", this.nodes.id())
			.query(LocalDateTime.class)
			.single();
		LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
		assertThat(beat).isBetween(now.minusSeconds(5), now.plusSeconds(1));
		assertThat(this.nodes.live()).contains(this.nodes.id());
		node("node-stale", now.minusSeconds(31));
		node("node-fresh", now.minusSeconds(29));
		assertThat(this.nodes.live()).contains("node-fresh").doesNotContain("node-stale");
	}

	private void node(String id, LocalDateTime heartbeat) {
		this.jdbc.sql("delete from app_node where id = :id").param("id", id).update();
		this.jdbc.sql("insert into app_node (id, started_at, heartbeat_at) values (:id, :at, :at)")
			.param("id", id)
			.param("at", heartbeat)
			.update();
	}

	private long job(String node, String status) {
		long admin = this.jdbc.sql("select id from app_user where username = 'admin'").query(Long.class).single();
		org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		LocalDateTime now = LocalDateTime.now();
		this.jdbc.sql("""
				insert into import_job (type, origin, file_name, stored_file, format, source, status, created_by,
				                        created_at, updated_at, started_at, node_id)
				values ('ACCOUNTS', 'API', 'accounts.csv', :file, 'CSV', 'import', :status, :admin, :now, :now, :now,
				        :node)""")
			.param("file", java.util.UUID.randomUUID() + ".upload")
			.param("status", status)
			.param("admin", admin)
			.param("now", now)
			.param("node", node)
			.update(keys, "id");
		this.jobs.add(keys.getKey().longValue());
		return keys.getKey().longValue();
	}

	private String status(long id) {
		return this.jdbc.sql("select status from import_job where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	private static Properties bundle() throws IOException {
		Properties properties = new Properties();
		try (var in = NodeRecoveryTests.class.getResourceAsStream("/i18n/dataimport.properties")) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
