package io.dakehu.dataimport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.account.AccountDetails;
import io.dakehu.account.AccountInput;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountService;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.Opportunities;
import io.dakehu.shared.DemoDataLoaded;
import io.dakehu.opportunity.OpportunityCriteria;
import io.dakehu.opportunity.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the public CRM sample data set on the first start of the embedded default,
 * through the importer like any user's file, as the administrator. "First start" means no
 * demo import was ever started on this database, so deleting the records does not bring
 * them back.
 */
@Component
@Order(20)
class DemoData implements ApplicationRunner {

	static final String ORIGIN = "DEMO";

	static final String SOURCE = "crm-sample";

	private static final Logger log = LoggerFactory.getLogger(DemoData.class);

	private static final String FOLDER = "demo/crm-sales-opportunities/";

	private final ImportJobs imports;

	private final Users users;

	private final Opportunities opportunities;

	private final AccountQueries accountQueries;

	private final AccountService accounts;

	private final TransactionTemplate transaction;

	private final boolean enabled;

	private final String password;

	private final Environment environment;

	private final ApplicationEventPublisher events;

	DemoData(ImportJobs imports, Users users, Opportunities opportunities, AccountQueries accountQueries,
			AccountService accounts, PlatformTransactionManager transactions,
			@Value("${dakehu.demo-data.enabled:true}") boolean enabled,
			@Value("${dakehu.demo-data.password:}") String password, Environment environment,
			ApplicationEventPublisher events) {
		this.events = events;
		this.opportunities = opportunities;
		this.accountQueries = accountQueries;
		this.accounts = accounts;
		this.transaction = new TransactionTemplate(transactions);
		this.environment = environment;
		this.imports = imports;
		this.users = users;
		this.enabled = enabled;
		this.password = password;
	}

	@Override
	public void run(ApplicationArguments args) {
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
			load(editor, ImportType.USERS, "sales_teams.csv");
			load(editor, ImportType.PRODUCTS, "products.csv");
			load(editor, ImportType.ACCOUNTS, "accounts.csv");
			load(editor, ImportType.OPPORTUNITIES, "sales_pipeline.csv");
			this.transaction.executeWithoutResult((status) -> handOverAccounts(editor));
			log.info("Loaded the demo data set in {} ms; demo users sign in with dakehu.demo-data.password",
					(System.nanoTime() - started) / 1_000_000);
			this.events.publishEvent(new DemoDataLoaded());
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	/**
	 * The sample accounts have no owner column: each goes to the salesperson who won the
	 * most on it (ties: the alphabetically first username), so a KAM signing in sees
	 * their accounts and a manager the team's. Accounts nobody won anything on stay with
	 * the administrator.
	 */
	private void handOverAccounts(CurrentUser editor) {
		Map<Long, Map<Long, BigDecimal>> wonByAccount = new HashMap<>();
		this.opportunities.forEach(editor.scope(), new OpportunityCriteria(null, Stage.WON, null), (o) -> {
			if (o.accountId() != null && o.amount() != null) {
				wonByAccount.computeIfAbsent(o.accountId(), (k) -> new HashMap<>())
					.merge(o.ownerId(), o.amount(), BigDecimal::add);
			}
		});
		Set<Long> owners = new HashSet<>();
		wonByAccount.values().forEach((amounts) -> owners.addAll(amounts.keySet()));
		Map<Long, UserSummary> people = this.users.byIds(owners);
		wonByAccount.forEach((accountId, amounts) -> {
			UserSummary best = amounts.entrySet()
				.stream()
				.filter((entry) -> people.containsKey(entry.getKey()))
				.min(Comparator.comparing((Map.Entry<Long, BigDecimal> entry) -> entry.getValue())
					.reversed()
					.thenComparing((entry) -> people.get(entry.getKey()).username()))
				.map((entry) -> people.get(entry.getKey()))
				.orElse(null);
			if (best != null) {
				AccountDetails a = this.accountQueries.details(editor.scope(), accountId);
				this.accounts.update(editor, accountId, a.version(),
						new AccountInput(a.name(), a.registrationId(), a.industry(), a.region(), a.address(),
								a.employees(), a.annualRevenue(), a.parentId(), best.username(), a.keyAccountType(),
								a.relationshipType(), a.salesApproach(), a.status(), a.description(), null,
								a.version()));
			}
		});
	}

	private void load(CurrentUser editor, ImportType type, String file) {
		ImportRequest request = new ImportRequest(type, file, false, null, SOURCE, this.password);
		try (InputStream content = new ClassPathResource(FOLDER + file).getInputStream()) {
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

}
