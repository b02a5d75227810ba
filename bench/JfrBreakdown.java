import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a request's CPU goes, from a flight recording of a benchmark run: every execution
 * sample is charged to the layer of the frame nearest the running method that belongs to
 * a known layer (the JSON writer, the database driver, the password check, Tomcat, ...),
 * so a sample inside a HashMap lookup made by the security filters counts as security.
 * Prints each layer's share of the samples and its hottest methods.
 *
 * <pre>java bench/JfrBreakdown.java list.jfr [how many hottest methods, 15]</pre>
 */
public class JfrBreakdown {

	/** Layer by a fragment of the frame's class name, checked in this order. */
	private static final String[][] LAYERS = { { "json", "tools.jackson." }, { "json", "com.fasterxml.jackson." },
			{ "database driver", "org.postgresql." }, { "database driver", "org.h2." },
			{ "connection pool", "com.zaxxer.hikari." }, { "password check", "CachingPasswordAuthentication" },
			{ "sign-in throttle", "LoginThrottle" }, { "request binding", "DataBinder" },
			{ "request binding", "ModelAttribute" }, { "observation", "io.micrometer." },
			{ "observation", "Observation" }, { "logging", "ch.qos.logback." }, { "logging", "org.slf4j." },
			{ "logging", "java.util.logging." }, { "sessions", "org.springframework.session." },
			{ "jdbc template", "org.springframework.jdbc." }, { "transactions", "org.springframework.transaction." },
			{ "proxies", "SpringCGLIB" }, { "proxies", "org.springframework.aop." },
			{ "templates", "org.thymeleaf." }, { "templates", "org.attoparser." }, { "templates", "org.unbescape." },
			{ "templates", "org.springframework.expression." }, { "messages", "org.springframework.context.support." },
			{ "messages", "java.text." },
			{ "dakehu", "io.dakehu." }, { "security filters", "org.springframework.security." },
			{ "spring mvc", "org.springframework.web." }, { "tomcat", "org.apache." } };

	public static void main(String[] args) throws IOException {
		Map<String, Integer> samples = new LinkedHashMap<>();
		Map<String, Map<String, Integer>> hottest = new HashMap<>();
		int total = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
			if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
				continue;
			}
			List<RecordedFrame> frames = event.getStackTrace().getFrames();
			if (frames.isEmpty()) {
				continue;
			}
			total++;
			String layer = layerOf(frames);
			samples.merge(layer, 1, Integer::sum);
			RecordedFrame top = frames.get(0);
			hottest.computeIfAbsent(layer, (key) -> new HashMap<>())
				.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
		}
		System.out.printf("%d execution samples%n", total);
		Map<String, Integer> own = new HashMap<>();
		hottest.values().forEach((methods) -> methods.forEach((name, count) -> own.merge(name, count, Integer::sum)));
		List<Map.Entry<String, Integer>> layers = new ArrayList<>(samples.entrySet());
		layers.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		for (Map.Entry<String, Integer> layer : layers) {
			List<Map.Entry<String, Integer>> methods = new ArrayList<>(hottest.get(layer.getKey()).entrySet());
			methods.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
			StringBuilder top = new StringBuilder();
			for (Map.Entry<String, Integer> method : methods.subList(0, Math.min(3, methods.size()))) {
				String name = method.getKey();
				top.append(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1))
					.append(" (")
					.append(method.getValue())
					.append(")  ");
			}
			System.out.printf("%5.1f%%  %-18s %s%n", 100.0 * layer.getValue() / total, layer.getKey(), top);
		}
		printHottest(own, total, (args.length > 1) ? Integer.parseInt(args[1]) : 15);
	}

	private static void printHottest(Map<String, Integer> own, int total, int top) {
		List<Map.Entry<String, Integer>> methods = new ArrayList<>(own.entrySet());
		methods.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
		System.out.println("hottest methods (own time):");
		for (Map.Entry<String, Integer> method : methods.subList(0, Math.min(top, methods.size()))) {
			System.out.printf("%5.1f%%  %s%n", 100.0 * method.getValue() / total, method.getKey());
		}
	}

	private static String layerOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			for (String[] layer : LAYERS) {
				if (type.contains(layer[1])) {
					return layer[0];
				}
			}
		}
		return "other (JDK, threads)";
	}

}
