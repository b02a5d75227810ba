package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The importer from the command line, for nightly ERP loads: the same job, rules and
 * single transaction as the API, run as a named user, and the process exits with 0 when
 * the file was committed, 2 when it stopped at VALIDATED (rows with errors, nothing
 * written), 1 when it failed.
 *
 * <pre>
 * java -jar dakehu.jar --server.port=0 --dakehu.import.file=erp.csv --dakehu.import.type=orders \
 *      --dakehu.import.user=erp-bot --dakehu.import.source=erp [--dakehu.import.valid-rows-only=true]
 * </pre>
 */
@Component
@Order(30)
@ConditionalOnProperty("dakehu.import.file")
class CommandLineImport implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(CommandLineImport.class);

	private final ImportJobs imports;

	private final Users users;

	private final Environment environment;

	private final ConfigurableApplicationContext context;

	CommandLineImport(ImportJobs imports, Users users, Environment environment,
			ConfigurableApplicationContext context) {
		this.imports = imports;
		this.users = users;
		this.environment = environment;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		int exitCode = importFile();
		System.exit(SpringApplication.exit(this.context, (ExitCodeGenerator) () -> exitCode));
	}

	int importFile() {
		Path file = Path.of(this.environment.getRequiredProperty("dakehu.import.file"));
		ImportType type = ImportType.parse(this.environment.getProperty("dakehu.import.type"));
		String username = this.environment.getProperty("dakehu.import.user", "admin");
		UserSummary user = this.users.findByUsername(username).filter(UserSummary::active).orElse(null);
		if (type == null || user == null || !Files.isRegularFile(file)) {
			log.error("Import not started: needs dakehu.import.type (accounts, contacts, products, orders, "
					+ "opportunities, users), an active dakehu.import.user and a readable dakehu.import.file");
			return 1;
		}
		// Signed in as that user, with the record scope they have in the application.
		SecurityContextHolder.getContext()
			.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.username(), null,
					List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name()))));
		CurrentUser editor = this.users.current();
		ImportRequest request = new ImportRequest(type, file.getFileName().toString(), false,
				this.environment.getProperty("dakehu.import.charset"),
				this.environment.getProperty("dakehu.import.source"), null);
		boolean validRowsOnly = this.environment.getProperty("dakehu.import.valid-rows-only", Boolean.class, false);
		try (InputStream content = Files.newInputStream(file)) {
			ImportJobView job = this.imports.runNow(editor, request, content, "CLI", validRowsOnly);
			log.info("Import {} of {}: {}; {} rows, {} with errors, {} written{}", job.id(), file, job.status(),
					job.totalRows(), job.errorRows(), job.committedRows(),
					(job.message() != null) ? "; " + job.message() : "");
			job.errors()
				.stream()
				.limit(50)
				.forEach((error) -> log.warn("row {} {}: {} ({})", error.row(),
						(error.column() != null) ? error.column() : "", error.reason(), error.value()));
			return switch (job.status()) {
				case COMMITTED -> 0;
				case VALIDATED -> 2;
				default -> 1;
			};
		}
		catch (RuleViolationException ex) {
			// Refused before a job was made, such as a required column the file lacks.
			log.error("Import of {} not started: {} {}", file, ex.field(),
					this.context.getMessage(ex.messageKey(), ex.args(), ex.messageKey(), Locale.ENGLISH));
			return 1;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/**
	 * Whether this process was started to import a file: then it must not touch other
	 * instances' running jobs or load demo data.
	 */
	static boolean requested(Environment environment) {
		return environment.containsProperty("dakehu.import.file");
	}

}
