package io.dakehu.journey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven through chromedriver: its headless shell where installed (the
 * browser without windows; the same journeys cost it a third less CPU than the full
 * browser in headless mode, BENCHMARKS.md P7), otherwise the full browser headless.
 * Outside CI a machine without Chromium skips the journeys with a message; in CI
 * (CI=true) a missing browser or shell fails them, because CI installs both.
 * <p>
 * A journey closing its browser gives it back with its cookies and stored data cleared,
 * and the next journey in the same language takes it: starting Chromium costs about 1.5 s
 * of CPU, and the suite opened twenty. A browser that cannot be cleared is quit. The
 * browsers left are quit when the test JVM ends.
 */
final class Browser implements AutoCloseable {

	private static final Path HEADLESS_SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	/** Browsers no journey is using, by language. */
	private static final Map<String, Deque<Browser>> IDLE = new ConcurrentHashMap<>();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> IDLE.values().forEach((idle) -> {
			for (Browser browser = idle.poll(); browser != null; browser = idle.poll()) {
				browser.quit();
			}
		})));
	}

	private final ChromeDriver driver;

	private final Path profile;

	private final String language;

	private String baseUrl;

	private Browser(ChromeDriver driver, Path profile, String language) {
		this.driver = driver;
		this.profile = profile;
		this.language = language;
	}

	static Browser open(int port, String language) throws IOException {
		boolean available = (Files.isExecutable(HEADLESS_SHELL) || Files.isExecutable(CHROMIUM))
				&& Files.isExecutable(CHROMEDRIVER);
		if ((!available || !Files.isExecutable(HEADLESS_SHELL)) && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(
					"CI must run the browser journeys: install chromium, chromium-driver and chromium-headless-shell");
		}
		Assumptions.assumeTrue(available,
				"Browser journeys skipped: install Debian's chromium and chromium-driver to run them");
		Browser browser = IDLE.computeIfAbsent(language, (key) -> new ConcurrentLinkedDeque<>()).poll();
		if (browser == null) {
			browser = start(language);
		}
		browser.baseUrl = "http://127.0.0.1:" + port;
		return browser;
	}

	private static Browser start(String language) throws IOException {
		Path profile = Files.createTempDirectory("dakehu-chromium");
		ChromeOptions options = new ChromeOptions();
		if (Files.isExecutable(HEADLESS_SHELL)) {
			// chromedriver opens the shell's first page only when it knows the browser
			// by this name; the shell reads the language to ask for from --accept-lang.
			options.setBinary(HEADLESS_SHELL.toFile());
			options.setCapability("browserName", "chrome-headless-shell");
		}
		else {
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless=new");
		}
		options.addArguments("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--no-first-run", "--disable-component-update", "--disable-sync",
				"--window-size=1400,1000", "--force-prefers-reduced-motion", "--user-data-dir=" + profile,
				"--lang=" + language, "--accept-lang=" + language);
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().implicitlyWait(Duration.ofMillis(0));
		driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
		return new Browser(driver, profile, language);
	}

	void go(String path) {
		this.driver.get(this.baseUrl + path);
	}

	WebElement find(By by) {
		try {
			return new WebDriverWait(this.driver, Duration.ofSeconds(15))
				.until(ExpectedConditions.visibilityOfElementLocated(by));
		}
		catch (RuntimeException ex) {
			screenshotQuietly();
			throw ex;
		}
	}

	void type(By by, String text) {
		WebElement element = find(by);
		element.clear();
		element.sendKeys(text);
	}

	void click(By by) {
		try {
			WebElement element = find(by);
			((org.openqa.selenium.JavascriptExecutor) this.driver)
				.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
			new WebDriverWait(this.driver, Duration.ofSeconds(15)).until(ExpectedConditions.elementToBeClickable(by))
				.click();
		}
		catch (RuntimeException ex) {
			screenshotQuietly();
			throw ex;
		}
	}

	/**
	 * Follows a link of the navigation bar by its id, opening its menu first when the
	 * link sits in one, as a person does.
	 */
	void navigate(String id) {
		WebElement link = new WebDriverWait(this.driver, Duration.ofSeconds(15))
			.until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
		if (!link.isDisplayed()) {
			link.findElement(
					By.xpath("ancestor::li[contains(@class, 'dropdown')]/a[contains(@class, 'dropdown-toggle')]"))
				.click();
		}
		click(By.id(id));
	}

	private void screenshotQuietly() {
		try {
			screenshot(Path.of("target", "journeys", "last-failure.png"));
		}
		catch (IOException | RuntimeException ignored) {
			// The original failure matters more than a missing picture of it.
		}
	}

	/**
	 * Saves what the browser shows, for looking at a failed journey or at the product as
	 * a person would.
	 */
	void screenshot(Path file) throws IOException {
		byte[] png = ((org.openqa.selenium.TakesScreenshot) this.driver)
			.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
		Files.createDirectories(file.getParent());
		Files.write(file, png);
	}

	/**
	 * Picks an option of a select by its value or visible text. Done through the DOM: a
	 * native select popup opened by a synthetic click stays open in headless Chromium and
	 * swallows the next click.
	 */
	void choose(By by, String valueOrText) {
		WebElement select = find(by);
		Object found = ((org.openqa.selenium.JavascriptExecutor) this.driver).executeScript("""
				const select = arguments[0];
				const option = [...select.options].find(o => o.value === arguments[1] || o.text === arguments[1]);
				if (!option) { return false; }
				option.selected = true;
				select.dispatchEvent(new Event('change', { bubbles: true }));
				return true;""", select, valueOrText);
		if (!Boolean.TRUE.equals(found)) {
			throw new org.openqa.selenium.NoSuchElementException("No option " + valueOrText + " in " + by);
		}
	}

	void waitForText(By by, String text) {
		try {
			new WebDriverWait(this.driver, Duration.ofSeconds(15))
				.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
		}
		catch (RuntimeException ex) {
			screenshotQuietly();
			// Which page the browser was on: a wait for an element that never came says
			// nothing of what came instead.
			throw new AssertionError("Waiting for \"" + text + "\" in " + by + " on " + this.driver.getCurrentUrl()
					+ " titled \"" + this.driver.getTitle() + "\"", ex);
		}
	}

	String text(By by) {
		return find(by).getText();
	}

	String currentPath() {
		return this.driver.getCurrentUrl().substring(this.baseUrl.length());
	}

	String pageSource() {
		return this.driver.getPageSource();
	}

	void login(String username, String password) {
		go("/login");
		type(By.id("username"), username);
		type(By.id("password"), password);
		click(By.id("login-submit"));
		find(By.id("nav-accounts"));
	}

	WebDriver driver() {
		return this.driver;
	}

	/** Gives the browser back for the next journey, cleared, or quits it. */
	@Override
	public void close() {
		try {
			this.driver.get("about:blank");
			this.driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
			this.driver.executeCdpCommand("Storage.clearDataForOrigin",
					Map.of("origin", this.baseUrl, "storageTypes", "all"));
			this.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 1000));
		}
		catch (RuntimeException ex) {
			quit();
			return;
		}
		IDLE.get(this.language).push(this);
	}

	private void quit() {
		try {
			this.driver.quit();
		}
		catch (RuntimeException ex) {
			// Gone already: only its profile is left to remove.
		}
		try (var files = Files.walk(this.profile)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// A temporary folder left behind.
		}
	}

}
