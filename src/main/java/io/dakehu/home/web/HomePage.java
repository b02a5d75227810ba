package io.dakehu.home.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.dakehu.activity.Activities;
import io.dakehu.home.HomeQueries;
import io.dakehu.home.HomeQueries.DueContact;
import io.dakehu.home.HomeQueries.DueCounts;
import io.dakehu.home.HomeQueries.Window;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Role;
import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.ForecastLine;
import io.dakehu.opportunity.ForecastReport;
import io.dakehu.opportunity.Forecasts;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.PipelineHealth;
import io.dakehu.opportunity.PipelineHealth.OwnerPipeline;
import io.dakehu.relationship.BuyingCenters;
import io.dakehu.segmentation.RunSummary;
import io.dakehu.segmentation.Segmentation;
import io.dakehu.shared.PageRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The home page by role and the lists behind its panels. A KAM's panels cover the
 * accounts and deals they own; a manager's the team's; a director's (and an
 * administrator's) the company's.
 */
@Controller
class HomePage {

	/** Rows a panel shows; its link opens the whole list. */
	static final int PANEL_ROWS = 8;

	/** Key accounts the at-risk panel looks at, the highest ranked first. */
	static final int KEY_ACCOUNTS_CHECKED = 200;

	static final Set<String> KEY_TIERS = Set.of("VIP", "MAJOR");

	private final HomeQueries home;

	private final PipelineHealth pipeline;

	private final Forecasts forecasts;

	private final Segmentation segmentation;

	private final BuyingCenters buyingCenters;

	private final Activities activities;

	private final Users users;

	private final Clock clock;

	HomePage(HomeQueries home, PipelineHealth pipeline, Forecasts forecasts, Segmentation segmentation,
			BuyingCenters buyingCenters, Activities activities, Users users, Clock clock) {
		this.home = home;
		this.pipeline = pipeline;
		this.forecasts = forecasts;
		this.segmentation = segmentation;
		this.buyingCenters = buyingCenters;
		this.activities = activities;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/")
	String home(Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("dueWithin", HomeQueries.DUE_WITHIN_DAYS);
		model.addAttribute("stalledDays", PipelineHealth.STALLED_DAYS);
		if (me.role() == Role.KAM) {
			kam(me, model);
		}
		else if (me.role() == Role.MANAGER) {
			manager(me, model);
		}
		else {
			director(me, model);
		}
		return "home/home";
	}

	/** The KAM's day: their own accounts and deals. */
	private void kam(CurrentUser me, Model model) {
		Set<Long> mine = Set.of(me.id());
		model.addAttribute("view", "kam");
		PageRequest panel = new PageRequest(0, PANEL_ROWS);
		model.addAttribute("due", this.home.due(me.scope(), mine, null, Window.DUE, panel));
		model.addAttribute("overdue",
				this.home.due(me.scope(), mine, null, Window.OVERDUE, new PageRequest(0, 1)).totalElements());
		model.addAttribute("deals", this.pipeline.toMove(me.scope(), mine, panel));
		model.addAttribute("unassessed", this.home.unassessed(me.scope(), mine, panel));
		model.addAttribute("tiers", this.home.perTier(me.scope(), mine));
	}

	/** The manager's team: each person's pipeline, forecast and what is overdue. */
	private void manager(CurrentUser me, Model model) {
		model.addAttribute("view", "manager");
		RecordScope scope = me.scope();
		Set<Long> people = new HashSet<>(scope.ownerIds());
		people.remove(me.id());
		ForecastReport forecast = yearForecast(scope);
		Map<Long, ForecastLine> forecastById = new HashMap<>();
		forecast.salespeople().forEach((line) -> forecastById.put(line.salespersonId(), line));
		Map<Long, OwnerPipeline> open = this.pipeline.perOwner(scope, null);
		Map<Long, DueCounts> due = this.home.dueCounts(scope, null);
		List<PersonLine> team = new ArrayList<>();
		for (UserSummary person : this.users.byIds(people).values()) {
			team.add(PersonLine.of(person.id(), person.displayName(), open.get(person.id()),
					forecastById.get(person.id()), due.get(person.id())));
		}
		team.sort(Comparator.comparing(PersonLine::name, Comparator.nullsLast(Comparator.naturalOrder())));
		model.addAttribute("team", team);
		model.addAttribute("forecast", forecast);
		PageRequest panel = new PageRequest(0, PANEL_ROWS);
		model.addAttribute("due", this.home.due(scope, null, null, Window.OVERDUE, panel));
		model.addAttribute("deals", this.pipeline.toMove(scope, null, panel));
		model.addAttribute("upcoming", this.activities.upcoming(me, PANEL_ROWS));
		model.addAttribute("ownerNames", this.users.displayNames(scope.ownerIds()));
	}

	/** The director's company: tiers, movers, key accounts at risk and the teams. */
	private void director(CurrentUser me, Model model) {
		model.addAttribute("view", "director");
		RecordScope scope = me.scope();
		List<RunSummary> runs = this.segmentation.runs(2);
		if (!runs.isEmpty()) {
			RunSummary latest = runs.get(0);
			model.addAttribute("run", latest);
			if (runs.size() > 1) {
				RunSummary previous = runs.get(1);
				model.addAttribute("previousRun", previous);
				model.addAttribute("movers",
						this.segmentation.movers(scope, previous.id(), latest.id(), null, null, PANEL_ROWS));
			}
		}
		model.addAttribute("atRisk", atRisk(scope));
		ForecastReport forecast = yearForecast(scope);
		model.addAttribute("forecast", forecast);
		Map<Long, DueCounts> due = this.home.dueCounts(scope, null);
		Map<Long, long[]> overdueByTeam = new LinkedHashMap<>();
		List<UserSummary> everyone = this.users.all();
		for (UserSummary user : everyone) {
			DueCounts counts = due.get(user.id());
			if (user.teamId() != null && counts != null) {
				overdueByTeam.computeIfAbsent(user.teamId(), (id) -> new long[1])[0] += counts.overdue();
			}
		}
		List<TeamLine> teams = new ArrayList<>();
		Map<Long, ForecastLine> forecastByTeam = new HashMap<>();
		forecast.teams().forEach((line) -> forecastByTeam.put(line.salespersonId(), line));
		this.users.teams().forEach((team) -> {
			long[] overdue = overdueByTeam.get(team.id());
			teams.add(new TeamLine(team.id(), team.name(), forecastByTeam.get(team.id()),
					(overdue != null) ? overdue[0] : 0));
		});
		model.addAttribute("teams", teams);
		model.addAttribute("upcoming", this.activities.upcoming(me, PANEL_ROWS));
		Map<Long, String> names = new HashMap<>();
		everyone.forEach((user) -> names.put(user.id(), user.displayName()));
		model.addAttribute("ownerNames", names);
	}

	/**
	 * VIP and Major accounts whose contact is overdue or whose open deals have gaps in
	 * their buying center, overdue first.
	 */
	private List<AtRisk> atRisk(RecordScope scope) {
		List<DueContact> keyAccounts = this.home
			.due(scope, null, KEY_TIERS, Window.ANY, new PageRequest(0, KEY_ACCOUNTS_CHECKED))
			.content();
		List<AtRisk> risky = new ArrayList<>();
		for (DueContact account : keyAccounts) {
			long warnings = BuyingCenters.summarise(this.buyingCenters.forAccount(scope, account.accountId())).size();
			if (account.overdue() || warnings > 0) {
				risky.add(new AtRisk(account, warnings));
			}
		}
		return risky;
	}

	private ForecastReport yearForecast(RecordScope scope) {
		LocalDate start = LocalDate.now(this.clock).withDayOfYear(1);
		return this.forecasts.forecast(scope, start, start.withDayOfYear(start.lengthOfYear()), null, null);
	}

	/** One person of a manager's team. */
	record PersonLine(long id, String name, long open, BigDecimal amount, BigDecimal weighted, long toMove,
			BigDecimal forecast, BigDecimal quota, BigDecimal attainment, long overdue, long due) {

		static PersonLine of(long id, String name, OwnerPipeline open, ForecastLine forecast, DueCounts due) {
			return new PersonLine(id, name, (open != null) ? open.open() : 0,
					(open != null) ? open.amount() : BigDecimal.ZERO,
					(open != null) ? open.weighted() : BigDecimal.ZERO, (open != null) ? open.toMove() : 0,
					(forecast != null) ? forecast.weighted() : BigDecimal.ZERO,
					(forecast != null) ? forecast.quota() : null, (forecast != null) ? forecast.attainment() : null,
					(due != null) ? due.overdue() : 0, (due != null) ? due.due() : 0);
		}

	}

	/** One team for the director: its forecast for the year and its overdue contacts. */
	record TeamLine(long id, String name, ForecastLine forecast, long overdue) {
	}

	/** A key account at risk, with how many distinct gaps its open deals have. */
	record AtRisk(DueContact account, long warnings) {
	}

}
