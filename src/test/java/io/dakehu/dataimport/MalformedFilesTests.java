package io.dakehu.dataimport;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.dakehu.support.Api;
import io.dakehu.support.ApiTestSupport;
import io.dakehu.support.Fixtures;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports cannot hurt the server: every file of a malformed corpus
 * ({@link MalformedFiles}, fixed seed) goes the real way, upload over the API, validation
 * and (were it clean) commit, and none answers a server error, none writes a row, every
 * rejected cell is named by row and column, and no message shows exception text, SQL or a
 * server path. The 201-byte order file that used to exhaust the heap is refused in
 * milliseconds; a job that stops making progress is failed by the watchdog and can then
 * be deleted; an upload too large or one import too many are refused with their own
 * status.
 */
abstract class MalformedFilesTests extends ApiTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final List<String> TABLES = List.of("account", "order_line", "opportunity", "product", "contact");

	/** What no message may show: exception and class names, SQL, paths. */
	private static final List<String> LEAKS = List.of("Exception", "java.", "org.", "SQL", "select ", "insert ", "/tmp",
			"\\", ".upload", ".staged", "null");

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Autowired
	private ImportJobs imports;

	@Autowired
	private JobStore store;

	private String account;

	/**
	 * An account to order for, and one clean order import of it, so the timings below do
	 * not carry the first import's start-up (lookups built, code compiled).
	 */
	@BeforeAll
	void anAccountToOrderFor() throws Exception {
		this.account = Fixtures.unique("Corpus buyer");
		this.given.accountOwnedBy(this.given.kam(), this.account);
		Answer answer = upload("orders", "warm.csv",
				("account,date,amount\n" + this.account + ",2024-01-01,1\n").getBytes(StandardCharsets.UTF_8), null);
		assertThat(answer.status()).as(answer.text()).isEqualTo(202);
		assertThat(finished(answer.json().get("id").asLong()).get("status").asString()).isEqualTo("COMMITTED");
	}

	@Test
	void noMalformedFileAnswersAServerErrorOrWritesARow() throws Exception {
		List<MalformedFiles.Case> corpus = new MalformedFiles(this.account, Fixtures.unique("mf")).all();
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(100);
		SoftAssertions softly = new SoftAssertions();
		for (MalformedFiles.Case file : corpus) {
			Map<String, Long> before = counts();
			Answer answer = upload(file.type(), file.fileName(), file.content(), file.charset());
			softly.assertThat(answer.status()).as("%s: %s", file, answer.text()).isLessThan(500);
			JsonNode job = null;
			if (answer.status() == 202) {
				job = finished(answer.json().get("id").asLong());
			}
			checkOutcome(softly, file, answer, job);
			softly.assertThat(counts()).as("%s wrote nothing", file).isEqualTo(before);
		}
		softly.assertAll();
	}

	private void checkOutcome(SoftAssertions softly, MalformedFiles.Case file, Answer answer, JsonNode job) {
		List<String> messages = new ArrayList<>();
		if (job == null) {
			softly.assertThat(answer.status()).as("%s: %s", file, answer.text()).isBetween(400, 499);
			JsonNode problem = answer.json();
			softly.assertThat(problem.path("errors").path(0).path("message").asString(""))
				.as("%s: a refusal says why", file)
				.isNotBlank();
			messages.add(problem.path("detail").asString(""));
			if (file.outcome() == MalformedFiles.Outcome.ROW || file.outcome() == MalformedFiles.Outcome.HARMLESS) {
				softly.fail("%s was refused at upload: %s", file, answer.text());
			}
			if (file.outcome() == MalformedFiles.Outcome.REFUSED_AT_LINE) {
				softly.assertThat(problem.path("detail").asString(""))
					.as("%s names its line", file)
					.containsPattern("\\d");
			}
		}
		else {
			String status = job.get("status").asString();
			messages.add(job.path("message").asString(""));
			for (JsonNode error : job.get("errors")) {
				messages.add(error.path("reason").asString(""));
				softly.assertThat(error.get("row").asLong()).as("%s: every error has its row", file).isPositive();
			}
			switch (file.outcome()) {
				case ROW -> {
					softly.assertThat(status).as("%s", file).isEqualTo("VALIDATED");
					boolean named = false;
					for (JsonNode error : job.get("errors")) {
						named |= error.get("row").asLong() == file.row()
								&& file.column().equals(error.path("column").asString(""))
								&& file.codes().contains(error.get("code").asString());
					}
					softly.assertThat(named)
						.as("%s: an error at row %d, column %s, one of %s; got %s", file, file.row(), file.column(),
								file.codes(), job.get("errors"))
						.isTrue();
				}
				case REFUSED, REFUSED_AT_LINE -> {
					softly.assertThat(file.outcome())
						.as("%s was not refused at upload: %s", file, job)
						.isEqualTo(MalformedFiles.Outcome.REFUSED);
					softly.assertThat(status).as("%s: %s", file, job).isIn("FAILED", "VALIDATED");
					if (status.equals("FAILED")) {
						softly.assertThat(job.path("message").asString("")).as("%s says why", file).isNotBlank();
					}
					else {
						softly.assertThat(job.get("errorRows").asLong()).as("%s: %s", file, job).isPositive();
					}
				}
				case HARMLESS -> softly.assertThat(status).as("%s: %s", file, job).isIn("COMMITTED", "VALIDATED");
			}
		}
		for (String message : messages) {
			for (String leak : LEAKS) {
				softly.assertThat(message).as("%s: a message free of %s", file, leak).doesNotContain(leak);
			}
		}
	}

	@Test
	void theTwoHundredByteOrderFileIsRefusedInMillisecondsAtItsRowsAndColumn() throws Exception {
		String csv = "account,date,amount\n" + this.account + ",2024-01-01,1E-999999999\n" + this.account
				+ ",2024-01-02,1E-999999999\n" + this.account + ",2024-01-03,1E999999999\n";
		byte[] file = csv.getBytes(StandardCharsets.UTF_8);
		assertThat(file.length).isLessThan(260);
		Map<String, Long> before = counts();
		System.gc();
		long heapBefore = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		long started = System.nanoTime();
		Answer answer = upload("orders", "orders.csv", file, null);
		assertThat(answer.status()).as(answer.text()).isEqualTo(202);
		JsonNode job = finished(answer.json().get("id").asLong());
		long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		long heapGrowth = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() - heapBefore;
		assertThat(job.get("status").asString()).isEqualTo("VALIDATED");
		List<String> errors = new ArrayList<>();
		for (JsonNode error : job.get("errors")) {
			errors.add(error.get("row").asLong() + " " + error.get("column").asString() + " "
					+ error.get("code").asString());
		}
		assertThat(errors).containsExactly("2 amount import.tooManyDecimals", "3 amount import.tooManyDecimals",
				"4 amount import.numberTooLarge");
		// A billion-character string would take 2 GB and seconds to write out.
		assertThat(millis).as("refused in milliseconds").isLessThan(3000);
		assertThat(heapGrowth).as("heap growth").isLessThan(256L << 20);
		assertThat(counts()).isEqualTo(before);
	}

	@Test
	void aStalledJobIsFailedByTheWatchdogAndCanThenBeDeletedWhileOneImportTooManyIsRefused() throws Exception {
		long admin = this.jdbc.sql("select id from app_user where username = :u")
			.param("u", Api.ADMIN)
			.query(Long.class)
			.single();
		TableFile.Layout layout = new TableFile.Layout("csv", StandardCharsets.UTF_8, ',', false);
		List<Long> stuck = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			stuck.add(this.store.create(ImportType.ACCOUNTS, "API", "stuck.csv", null, layout, "import", null,
					DuplicatePolicy.REJECT, false, admin));
		}
		// Two running already: the third is refused, 429 with the limit in words.
		Answer third = upload("accounts", "a.csv",
				("name\n" + Fixtures.unique("Third")).getBytes(StandardCharsets.UTF_8), null);
		assertThat(third.status()).as(third.text()).isEqualTo(429);
		assertThat(third.json().get("detail").asString()).contains("2");
		// Running but quiet for longer than the watchdog allows.
		this.jdbc.sql("update import_job set updated_at = :then where id in (:ids)")
			.param("then", java.time.LocalDateTime.now().minusHours(1))
			.param("ids", stuck)
			.update();
		assertThat(this.imports.failStalled(Duration.ofMinutes(10))).isGreaterThanOrEqualTo(2);
		for (long id : stuck) {
			JsonNode job = this.api.get(Api.ADMIN, "/api/v1/imports/" + id).expect(200).body();
			assertThat(job.get("status").asString()).isEqualTo("FAILED");
			assertThat(job.get("message").asString()).isNotBlank().doesNotContain("import.");
			this.api.delete(Api.ADMIN, "/api/v1/imports/" + id).expect(204);
			assertThat(this.api.get(Api.ADMIN, "/api/v1/imports/" + id).expect(200).text("status"))
				.isEqualTo("DISCARDED");
		}
	}

	@Test
	void aFileLargerThanTheLimitIsRefusedWith413() throws Exception {
		// The test profile allows 4 MB.
		byte[] big = new byte[5 << 20];
		java.util.Arrays.fill(big, (byte) 'a');
		System.arraycopy("name\n".getBytes(StandardCharsets.UTF_8), 0, big, 0, 5);
		long jobs = this.jdbc.sql("select count(*) from import_job").query(Long.class).single();
		Answer answer = upload("accounts", "big.csv", big, null);
		assertThat(answer.status()).as(answer.text()).isEqualTo(413);
		assertThat(answer.json().get("detail").asString()).contains("4 MB");
		assertThat(this.jdbc.sql("select count(*) from import_job").query(Long.class).single()).isEqualTo(jobs);
	}

	private Map<String, Long> counts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		for (String table : TABLES) {
			counts.put(table, this.jdbc.sql("select count(*) from " + table).query(Long.class).single());
		}
		return counts;
	}

	private record Answer(int status, String text) {

		JsonNode json() {
			return JSON.readTree(this.text);
		}

	}

	private Answer upload(String type, String fileName, byte[] content, String charset) throws Exception {
		String boundary = "----" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("type", type);
		if (charset != null) {
			fields.put("charset", charset);
		}
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
				+ "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(content);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/imports"))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString((Api.ADMIN + ":" + Api.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
					.header("Accept-Language", "en")
					.header("Content-Type", "multipart/form-data; boundary=" + boundary)
					.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
					.build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return new Answer(response.statusCode(), response.body());
	}

	private JsonNode finished(long id) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			JsonNode job = this.api.get(Api.ADMIN, "/api/v1/imports/" + id).expect(200).body();
			String status = job.get("status").asString();
			if (!status.equals("VALIDATING") && !status.equals("COMMITTING")) {
				return job;
			}
			assertThat(System.nanoTime()).as("import %d still %s", id, status).isLessThan(deadline);
			Thread.sleep(20);
		}
	}

}
