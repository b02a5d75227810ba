package io.dakehu.retention.web;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.retention.ChurnRisk;
import io.dakehu.retention.ChurnRisks;
import io.dakehu.retention.ChurnRun;
import io.dakehu.retention.ChurnRuns;
import io.dakehu.retention.LostAnalysis;
import io.dakehu.retention.LostCustomers;
import io.dakehu.retention.RiskLevel;
import io.dakehu.retention.RiskSort;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Churn risks over the API: the at-risk list of the latest run in the reader's scope, one
 * account's risk and its history, runs on demand (managers and above), and the
 * lost-customer analysis with the back-test of the warning.
 */
@RestController
class ChurnRiskApi {

	private static final int MAX_SIZE = 200;

	private final ChurnRisks risks;

	private final ChurnRuns runs;

	private final LostCustomers lost;

	private final Users users;

	private final ChurnFacts facts;

	private final Clock clock;

	ChurnRiskApi(ChurnRisks risks, ChurnRuns runs, LostCustomers lost, Users users, ChurnFacts facts, Clock clock) {
		this.clock = clock;
		this.risks = risks;
		this.runs = runs;
		this.lost = lost;
		this.users = users;
		this.facts = facts;
	}

	/**
	 * @param level the levels to list; high and medium (the customers at risk) when none
	 * is given
	 */
	@GetMapping("/api/v1/churn-risks")
	PageResult<ChurnRiskJson> list(@RequestParam(required = false) List<RiskLevel> level,
			@RequestParam(required = false) String owner, @RequestParam(defaultValue = "RISK_VALUE") RiskSort sort,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		CurrentUser me = this.users.current();
		Set<RiskLevel> levels = (level == null || level.isEmpty()) ? EnumSet.of(RiskLevel.HIGH, RiskLevel.MEDIUM)
				: EnumSet.copyOf(level);
		Long ownerId = (owner != null && !owner.isBlank()) ? this.users.requireActive(owner, "owner").id() : null;
		PageResult<ChurnRisk> found = this.risks.list(me.scope(), levels, ownerId, sort,
				new PageRequest(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_SIZE)));
		Map<Long, UserSummary> people = owners(found.content());
		return found.map((risk) -> ChurnRiskJson.of(risk, username(people, risk.ownerId()), this.facts));
	}

	@GetMapping("/api/v1/accounts/{id}/churn-risk")
	ChurnRiskJson account(@PathVariable long id) {
		ChurnRisk risk = this.risks.forAccount(this.users.current().scope(), id);
		return ChurnRiskJson.of(risk, username(owners(List.of(risk)), risk.ownerId()), this.facts);
	}

	@GetMapping("/api/v1/accounts/{id}/churn-risk/history")
	List<ChurnRisks.HistoryPoint> history(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
		return this.risks.history(this.users.current().scope(), id, Math.min(Math.max(limit, 1), MAX_SIZE));
	}

	@PostMapping("/api/v1/churn-risks/runs")
	ResponseEntity<ChurnRun> run() {
		ChurnRun run = this.runs.run(this.users.current());
		return ResponseEntity.created(URI.create("/api/v1/churn-risks/runs/" + run.id())).body(run);
	}

	@GetMapping("/api/v1/churn-risks/runs")
	List<ChurnRun> runs(@RequestParam(defaultValue = "20") int limit) {
		return this.runs.runs(Math.min(Math.max(limit, 1), MAX_SIZE));
	}

	@GetMapping("/api/v1/churn-risks/runs/{id}")
	ChurnRun runById(@PathVariable long id) {
		return this.runs.get(id);
	}

	/**
	 * The customers lost from {@code from} to {@code to} (the last 12 months by default)
	 * and the back-test of the warning.
	 */
	@GetMapping("/api/v1/churn-risks/lost")
	LostAnalysis lost(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@RequestParam(required = false) String owner,
			@RequestParam(defaultValue = "" + LostCustomers.DEFAULT_LOOKBACK_DAYS) int lookbackDays) {
		CurrentUser me = this.users.current();
		LocalDate end = (to != null) ? to : LocalDate.now(this.clock);
		LocalDate start = (from != null) ? from : end.minusYears(1).plusDays(1);
		Long ownerId = (owner != null && !owner.isBlank()) ? this.users.requireActive(owner, "owner").id() : null;
		return this.lost.analyse(me.scope(), start, end, ownerId, lookbackDays);
	}

	private Map<Long, UserSummary> owners(List<ChurnRisk> risks) {
		Set<Long> ids = new HashSet<>();
		risks.forEach((risk) -> {
			if (risk.ownerId() != null) {
				ids.add(risk.ownerId());
			}
		});
		return this.users.byIds(ids);
	}

	private static String username(Map<Long, UserSummary> people, Long ownerId) {
		UserSummary person = (ownerId != null) ? people.get(ownerId) : null;
		return (person != null) ? person.username() : null;
	}

}
