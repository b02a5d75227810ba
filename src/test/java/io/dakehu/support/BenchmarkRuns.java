package io.dakehu.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.dakehu.DakehuApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the benchmarks that run the application in their own JVM share: an embedded
 * PostgreSQL sized for a million accounts, the application started on it, and the figures
 * printed beside each result (the median, the machine's load).
 */
public final class BenchmarkRuns {

	private BenchmarkRuns() {
	}

	/**
	 * A PostgreSQL with the memory and checkpoint settings the benchmarks are recorded
	 * with (BENCHMARKS.md), and the given memory per sort or hash.
	 */
	public static EmbeddedPostgres postgres(String workMem) throws IOException {
		return EmbeddedPostgres.builder()
			.setServerConfig("shared_buffers", "1GB")
			.setServerConfig("work_mem", workMem)
			.setServerConfig("maintenance_work_mem", "512MB")
			.setServerConfig("max_wal_size", "8GB")
			.setServerConfig("checkpoint_timeout", "30min")
			.setPGStartupWait(Duration.ofSeconds(60))
			.start();
	}

	/** The application on that PostgreSQL, without demo data, quiet in the log. */
	public static ConfigurableApplicationContext application(EmbeddedPostgres postgres) {
		return new SpringApplicationBuilder(DakehuApplication.class).run(
				"--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--dakehu.demo-data.enabled=false", "--dakehu.admin.password=admin-password-1", "--server.port=0",
				"--logging.level.root=WARN");
	}

	public static long median(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		sorted.sort(Long::compare);
		return sorted.get(sorted.size() / 2);
	}

	/** The load average, printed beside each figure on this shared machine. */
	public static String load() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).substring(0, 14).strip();
		}
		catch (IOException ex) {
			return "n/a";
		}
	}

}
