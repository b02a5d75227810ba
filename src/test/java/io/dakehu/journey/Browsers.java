package io.dakehu.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The started browsers that no journey is using, by language, for the next journey to
 * take instead of starting one; all of them are quit when the JVM exits.
 */
final class Browsers {

	private static final Map<String, Deque<Started>> IDLE = new HashMap<>();

	private static final List<Started> ALL = new ArrayList<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(Browsers::quitAll, "browsers-quit"));
	}

	private Browsers() {
	}

	/** An idle browser in the language, now the caller's; {@code null} if none. */
	static synchronized Started take(String language) {
		Deque<Started> idle = IDLE.get(language);
		return (idle != null) ? idle.poll() : null;
	}

	/** Hands a cleared browser back for the next journey. */
	static synchronized void keep(Started started) {
		if (!ALL.contains(started)) {
			ALL.add(started);
		}
		IDLE.computeIfAbsent(started.language(), (language) -> new ArrayDeque<>()).push(started);
	}

	private static synchronized void quitAll() {
		ALL.forEach(Started::quit);
		ALL.clear();
		IDLE.clear();
	}

	/** A running Chromium with its chromedriver and its own profile folder. */
	record Started(ChromeDriver driver, String language, Path profile) {

		void quit() {
			try {
				this.driver.quit();
			}
			catch (RuntimeException ex) {
				// Already gone; its profile folder is still removed below.
			}
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// A temporary folder left behind does no harm.
			}
		}

	}

}
