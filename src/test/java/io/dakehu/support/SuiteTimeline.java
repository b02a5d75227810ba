package io.dakehu.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * When each test class ran, and in which lane: P7 (the suite's time) is set by the lane
 * that ends last, which the reports' per-class times cannot show (a class's time there
 * includes waiting for its lane's lock). Registered for every run through
 * {@code META-INF/services}; writes {@code target/test-timeline.tsv} (one row per class:
 * lane, start and end in seconds from the plan's start) and prints one line per lane, so
 * the CI log carries the figures BENCHMARKS.md quotes.
 */
public final class SuiteTimeline implements TestExecutionListener {

	private static final String UNIT = "(no lane)";

	private final Map<String, Long> started = new ConcurrentHashMap<>();

	private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());

	private volatile long planStart;

	@Override
	public void testPlanExecutionStarted(TestPlan plan) {
		this.planStart = System.nanoTime();
	}

	@Override
	public void executionStarted(TestIdentifier test) {
		if (testClass(test) != null) {
			this.started.put(test.getUniqueId(), System.nanoTime());
		}
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		Class<?> type = testClass(test);
		Long start = this.started.remove(test.getUniqueId());
		if (type != null && start != null) {
			this.rows.add(new Row(type.getName(), lane(type), seconds(start), seconds(System.nanoTime())));
		}
	}

	@Override
	public void testPlanExecutionFinished(TestPlan plan) {
		if (this.rows.isEmpty()) {
			return;
		}
		List<Row> byStart;
		synchronized (this.rows) {
			byStart = this.rows.stream().sorted((a, b) -> Double.compare(a.start, b.start)).toList();
		}
		write(byStart);
		Map<String, List<Row>> lanes = new TreeMap<>(byStart.stream().collect(Collectors.groupingBy(Row::lane)));
		lanes.forEach((lane, inLane) -> System.out.printf(
				"Lane %-26s %3d classes, %6.1f s → %6.1f s, %6.1f s in its classes%n", lane, inLane.size(),
				inLane.stream().mapToDouble(Row::start).min().orElse(0),
				inLane.stream().mapToDouble(Row::end).max().orElse(0),
				inLane.stream().mapToDouble(r -> r.end - r.start).sum()));
		this.rows.clear();
	}

	private static void write(List<Row> byStart) {
		StringBuilder tsv = new StringBuilder("class\tlane\tstart_s\tend_s\n");
		byStart.forEach((row) -> tsv.append(row.type)
			.append('\t')
			.append(row.lane)
			.append('\t')
			.append(String.format("%.2f\t%.2f%n", row.start, row.end)));
		try {
			Path target = Path.of("target");
			if (Files.isDirectory(target)) {
				Files.writeString(target.resolve("test-timeline.tsv"), tsv);
			}
		}
		catch (IOException ex) {
			System.out.println("The suite's timeline was not written: " + ex.getMessage());
		}
	}

	private double seconds(long nanos) {
		return (nanos - this.planStart) / 1e9;
	}

	private static Class<?> testClass(TestIdentifier test) {
		return test.getSource()
			.filter(ClassSource.class::isInstance)
			.map((source) -> ((ClassSource) source).getJavaClass())
			.orElse(null);
	}

	/**
	 * The class's lane: the locks it holds (its own or its base annotation's), joined.
	 */
	private static String lane(Class<?> type) {
		String locks = AnnotationSupport.findRepeatableAnnotations(type, ResourceLock.class)
			.stream()
			.map(ResourceLock::value)
			.sorted()
			.collect(Collectors.joining("+"));
		return locks.isEmpty() ? UNIT : locks.replace("dakehu.database.", "").replace("dakehu.", "");
	}

	private record Row(String type, String lane, double start, double end) {
	}

}
