package io.dakehu.shared.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.dakehu.shared.DatabaseProduct;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This application node and the others sharing its database (decision 0027). Each node
 * gets a random id when it starts and writes a heartbeat into {@code app_node} every
 * {@code dakehu.node.heartbeat-interval} (10 seconds unless changed); a node whose
 * heartbeat is older than three intervals is gone (killed, frozen or cut off), and work
 * it left running can be failed by any other. A node stopped in order deletes its row, so
 * its work counts as gone at once. Times are UTC from each node's clock: nodes on several
 * hosts need their clocks synchronised (NTP) to well within three intervals.
 */
@Component
public class Nodes implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(Nodes.class);

	/** How many intervals a node may miss before it counts as gone. */
	static final int MISSED_BEATS = 3;

	private final String id = UUID.randomUUID().toString();

	private final JdbcClient jdbc;

	private final DatabaseProduct database;

	private final Clock clock;

	private final Duration goneAfter;

	private volatile boolean running;

	Nodes(JdbcClient jdbc, DatabaseProduct database, Clock clock,
			@Value("${dakehu.node.heartbeat-interval:PT10S}") Duration interval) {
		this.jdbc = jdbc;
		this.database = database;
		this.clock = clock;
		this.goneAfter = interval.multipliedBy(MISSED_BEATS);
	}

	/** This node's id, stored with the work it runs. */
	public String id() {
		return this.id;
	}

	/**
	 * The ids of the nodes alive now, this one among them: those whose heartbeat is
	 * younger than three intervals.
	 */
	public List<String> live() {
		return this.jdbc.sql("select id from app_node where heartbeat_at >= :since")
			.param("since", now().minus(this.goneAfter))
			.query(String.class)
			.list();
	}

	/**
	 * Writes this node's heartbeat; every node does, so it is the one scheduled job
	 * without a lock. A row deleted meanwhile (the node was taken for gone during a long
	 * pause and forgotten) is written again.
	 */
	@Scheduled(fixedRateString = "${dakehu.node.heartbeat-interval:PT10S}",
			initialDelayString = "${dakehu.node.heartbeat-interval:PT10S}")
	public void beat() {
		LocalDateTime now = now();
		int updated = this.jdbc.sql("update app_node set heartbeat_at = :now where id = :id")
			.param("now", now)
			.param("id", this.id)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into app_node (id, started_at, heartbeat_at) values (:id, :now, :now)")
				.param("id", this.id)
				.param("now", now)
				.update();
		}
	}

	/**
	 * Deletes the rows of nodes gone for a day: their ids are random and never come back,
	 * and work naming a node without a row counts as gone all the same.
	 */
	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	@SchedulerLock(name = "node-forget-gone", lockAtMostFor = "PT10M")
	public void forgetGone() {
		this.jdbc.sql("delete from app_node where heartbeat_at < :since")
			.param("since", now().minus(Duration.ofDays(1)))
			.update();
	}

	private LocalDateTime now() {
		return LocalDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	/**
	 * Joins the cluster before the web server takes a request and before recovery runs.
	 * An H2 database serves one process only (no TCP server), so the rows of other nodes
	 * there are of earlier runs, gone whatever their heartbeat says: a restart after a
	 * kill fails the jobs it interrupted at once rather than three intervals later.
	 */
	@Override
	public void start() {
		if (!this.database.postgres()) {
			this.jdbc.sql("delete from app_node where id <> :id").param("id", this.id).update();
		}
		beat();
		this.running = true;
	}

	/** Leaves in order: whatever this node still ran counts as gone at once. */
	@Override
	public void stop() {
		this.running = false;
		try {
			this.jdbc.sql("delete from app_node where id = :id").param("id", this.id).update();
		}
		catch (DataAccessException ex) {
			// The database is out of reach: the others find this node gone three
			// intervals on, as if it had been killed.
			log.warn("Could not sign this node off: {}", ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return 0;
	}

}
