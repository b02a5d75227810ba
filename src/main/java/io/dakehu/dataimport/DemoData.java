package io.dakehu.dataimport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.DemoDataLoaded;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Loads the demo on the first start of the embedded default: the public CRM sample data
 * set with its story layer (owners, a director, a prior year, contacts, activities,
 * assessments, targets; see the data set's README), the files through the importer like
 * any user's, as the administrator. "First start" means no demo import was ever started
 * on this database, so deleting the records does not bring them back.
 *
 * <p>
 * It runs as a lifecycle step just before the web server starts, so nobody can sign in to
 * a half-loaded demo: the port answers once the demo is whole. The files' dates are moved
 * by whole days so that their last close date ({@link #ANCHOR}) falls on today.
 */
@Component
class DemoData implements SmartLifecycle {

	static final String ORIGIN = "DEMO";

	static final String SOURCE = "crm-sample";

	/** The last close date in sales_pipeline.csv; the story files are dated around it. */
	static final LocalDate ANCHOR = LocalDate.of(2017, 12, 31);

	/** After the first administrator exists and before the web server starts. */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;

	static final String FOLDER = "demo/crm-sales-opportunities/";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private final ImportJobs imports;

	private final Users users;

	private final DemoDataStory story;

	private final boolean enabled;

	private final String password;

	private final Environment environment;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private volatile boolean running;

	DemoData(ImportJobs imports, Users users, DemoDataStory story,
			@Value("${dakehu.demo-data.enabled:true}") boolean enabled,
			@Value("${dakehu.demo-data.password:}") String password, Environment environment,
			ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.story = story;
		this.environment = environment;
		this.imports = imports;
		this.users = users;
		this.enabled = enabled;
		this.password = password;
		this.clock = clock;
	}

	@Override
	public void start() {
		this.running = true;
		load();
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	void load() {
		if (!this.enabled || CommandLineImport.requested(this.environment) || this.imports.anyFrom(ORIGIN)) {
			return;
		}
		UserSummary admin = this.users.findByUsername("admin").orElse(null);
		if (admin == null) {
			log.warn("No 'admin' user: the demo data is not loaded");
			return;
		}
		if (this.password == null || this.password.length() < 8) {
			log.warn("dakehu.demo-data.password is not set (8 characters at least): the demo data is not loaded");
			return;
		}
		CurrentUser editor = new CurrentUser(admin.id(), admin.username(), admin.displayName(), Role.ADMIN,
				RecordScope.everything(admin.id()));
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(admin.username(), null,
					List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
		try {
			long started = System.nanoTime();
			long shift = ChronoUnit.DAYS.between(ANCHOR, LocalDate.now(this.clock));
			Map<String, String> owners = new HashMap<>();
			for (CSVRecord row : read("story/owners.csv")) {
				owners.put(row.get("account"), row.get("owner"));
			}
			Map<String, CSVRecord> costs = byKey(read("story/product_costs.csv"), "product");
			Map<String, CSVRecord> openDeals = byKey(read("story/open_deals.csv"), "opportunity_id");
			load(editor, ImportType.USERS, "sales_teams.csv", null);
			load(editor, ImportType.USERS, "story/people.csv", null);
			load(editor, ImportType.PRODUCTS, "products.csv", (row) -> with(row, "unit cost",
					costs.containsKey(row.get("product")) ? costs.get(row.get("product")).get("unit cost") : ""));
			load(editor, ImportType.ACCOUNTS, "accounts.csv",
					(row) -> with(row, "owner", owners.getOrDefault(row.get("account"), "")));
			load(editor, ImportType.ACCOUNTS, "story/accounts.csv",
					(row) -> with(row, "owner", owners.getOrDefault(row.get("account"), "")));
			load(editor, ImportType.OPPORTUNITIES, "sales_pipeline.csv", (row) -> {
				Map<String, String> cells = new java.util.LinkedHashMap<>(row.toMap());
				CSVRecord open = openDeals.get(row.get("opportunity_id"));
				// Every row carries the column: the first row's cells are the file's
				// header.
				cells.put("expected close", "");
				if (open != null) {
					// An open deal has not closed: its date is when it is expected to.
					cells.put("deal_stage", open.get("stage"));
					cells.put("close_value", open.get("amount"));
					cells.put("close_date", "");
					cells.put("expected close", shifted(open.get("expected_close"), shift));
				}
				cells.put("engage_date", shifted(cells.get("engage_date"), shift));
				cells.put("close_date", shifted(cells.get("close_date"), shift));
				return cells;
			});
			load(editor, ImportType.ORDERS, "story/purchases.csv", (row) -> {
				Map<String, String> cells = new java.util.LinkedHashMap<>(row.toMap());
				cells.put("date", shifted(cells.get("date"), shift));
				return cells;
			});
			load(editor, ImportType.CONTACTS, "story/contacts.csv", (row) -> {
				Map<String, String> cells = new java.util.LinkedHashMap<>();
				for (String column : List.of("account", "name", "title", "department", "phone", "email")) {
					cells.put(column, row.get(column));
				}
				cells.put("birthday", shifted(row.get("birthday"), shift));
				return cells;
			});
			LocalDate today = LocalDate.now(this.clock);
			load(editor, ImportType.SURVEYS, "story/surveys.csv", (row) -> {
				Map<String, String> cells = new java.util.LinkedHashMap<>(row.toMap());
				cells.remove("days_ago");
				cells.put("surveyedOn", today.minusDays(Long.parseLong(row.get("days_ago"))).toString());
				return cells;
			});
			long storyStarted = System.nanoTime();
			this.story.tell(editor, shift, read("story/contacts.csv"), read("story/activities.csv"),
					read("story/assessments.csv"), read("story/targets.csv"), read("story/quotas.csv"));
			log.info("Demo story (buying roles, activities, assessments, targets, lifecycle) in {} ms",
					(System.nanoTime() - storyStarted) / 1_000_000);
			log.info("Loaded the demo data set in {} ms; demo users sign in with dakehu.demo-data.password",
					(System.nanoTime() - started) / 1_000_000);
			this.events.publishEvent(new DemoDataLoaded());
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/** The date moved by whole days, or an empty cell as it was. */
	static String shifted(String date, long days) {
		return (date == null || date.isEmpty()) ? date : LocalDate.parse(date).plusDays(days).toString();
	}

	private static Map<String, String> with(CSVRecord row, String column, String value) {
		Map<String, String> cells = new java.util.LinkedHashMap<>(row.toMap());
		cells.put(column, value);
		return cells;
	}

	private static Map<String, CSVRecord> byKey(List<CSVRecord> rows, String column) {
		Map<String, CSVRecord> map = new HashMap<>();
		for (CSVRecord row : rows) {
			map.put(row.get(column), row);
		}
		return map;
	}

	static List<CSVRecord> read(String file) {
		try (Reader reader = new InputStreamReader(new ClassPathResource(FOLDER + file).getInputStream(),
				StandardCharsets.UTF_8)) {
			return new ArrayList<>(
					CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Imports the file, each row rewritten first when {@code rewrite} is given (columns
	 * added or dates moved), as a CSV file of the same name.
	 */
	private void load(CurrentUser editor, ImportType type, String file,
			Function<CSVRecord, Map<String, String>> rewrite) {
		String name = file.substring(file.lastIndexOf('/') + 1);
		ImportRequest request = new ImportRequest(type, name, false, null, SOURCE, this.password);
		try (InputStream content = (rewrite != null) ? rewritten(file, rewrite)
				: new ClassPathResource(FOLDER + file).getInputStream()) {
			long started = System.nanoTime();
			ImportJobView job = this.imports.runNow(editor, request, content, ORIGIN, true);
			log.info("Demo file {}: {} rows, {} in {} ms", file, job.totalRows(), job.status(),
					(System.nanoTime() - started) / 1_000_000);
			if (job.status() != ImportStatus.COMMITTED || job.errorRows() > 0) {
				log.warn("Demo file {} ended {} with {} rejected rows: {}", file, job.status(), job.errorRows(),
						job.errors().stream().limit(5).toList());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream rewritten(String file, Function<CSVRecord, Map<String, String>> rewrite)
			throws IOException {
		StringWriter out = new StringWriter();
		CSVPrinter printer = null;
		for (CSVRecord row : read(file)) {
			Map<String, String> cells = rewrite.apply(row);
			if (printer == null) {
				printer = new CSVPrinter(out,
						CSVFormat.DEFAULT.builder().setHeader(cells.keySet().toArray(String[]::new)).get());
			}
			printer.printRecord(cells.values());
		}
		if (printer != null) {
			printer.flush();
		}
		return new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8));
	}

}
