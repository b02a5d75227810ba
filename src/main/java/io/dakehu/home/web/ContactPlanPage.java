package io.dakehu.home.web;

import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.dakehu.home.ContactPlan;
import io.dakehu.home.ContactPlan.Scope;
import io.dakehu.home.ContactPlan.Sheet;
import io.dakehu.home.ContactPlan.Status;
import io.dakehu.home.HomeQueries;
import io.dakehu.home.ToDo;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Role;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The contact plan's pages: the lists by scope with their counts per person or team, the
 * occasions and executive visits coming up, the month calendar, and the to-do list with
 * the count the navigation shows beside it.
 */
@Controller
class ContactPlanPage {

	static final int PAGE_SIZE = 50;

	static final int OCCASIONS = 50;

	private final ContactPlan plan;

	private final ToDo toDo;

	private final Users users;

	private final Clock clock;

	ContactPlanPage(ContactPlan plan, ToDo toDo, Users users, Clock clock) {
		this.plan = plan;
		this.toDo = toDo;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping("/plan")
	String plan(@RequestParam(required = false) String scope, @RequestParam(defaultValue = "due") String status,
			@RequestParam(defaultValue = "0") int page, Model model) {
		CurrentUser me = this.users.current();
		Scope planScope = scope(me, scope);
		Status planStatus = PlanParams.parse(Status.class, status, "status");
		model.addAttribute("scope", planScope.name().toLowerCase(Locale.ROOT));
		model.addAttribute("status", planStatus.name().toLowerCase(Locale.ROOT));
		model.addAttribute("scopes", scopes(me));
		Sheet sheet = this.plan.sheet(me, planScope, planStatus, new PageRequest(Math.max(page, 0), PAGE_SIZE));
		model.addAttribute("result", sheet.accounts());
		model.addAttribute("groups", sheet.groups());
		model.addAttribute("groupKind", (me.role() == Role.MANAGER) ? "person" : "team");
		model.addAttribute("occasions", this.plan.occasions(me, planScope, OCCASIONS));
		model.addAttribute("executiveVisits", this.plan.executiveVisits(me, planScope));
		model.addAttribute("ownerNames", ownerNames(me));
		model.addAttribute("dueWithin", HomeQueries.DUE_WITHIN_DAYS);
		model.addAttribute("occasionDays", ContactPlan.OCCASION_DAYS);
		model.addAttribute("pageUrl",
				"/plan?scope=" + model.getAttribute("scope") + "&status=" + model.getAttribute("status") + "&");
		return "home/plan";
	}

	@GetMapping("/plan/calendar")
	String calendar(@RequestParam(required = false) String scope, @RequestParam(required = false) String month,
			Model model) {
		CurrentUser me = this.users.current();
		Scope planScope = scope(me, scope);
		YearMonth shown = YearMonth.now(this.clock);
		if (month != null && !month.isBlank()) {
			try {
				shown = YearMonth.parse(month.strip());
			}
			catch (DateTimeParseException ex) {
				throw new RuleViolationException("month", "home.validation.month");
			}
		}
		model.addAttribute("scope", planScope.name().toLowerCase(Locale.ROOT));
		model.addAttribute("scopes", scopes(me));
		model.addAttribute("calendar", this.plan.month(me, planScope, shown));
		model.addAttribute("previous", shown.minusMonths(1));
		model.addAttribute("next", shown.plusMonths(1));
		return "home/calendar";
	}

	@GetMapping("/todo")
	String toDo(Model model) {
		model.addAttribute("items", this.toDo.of(this.users.current()));
		model.addAttribute("rows", ToDo.ROWS);
		return "home/todo";
	}

	/** The navigation's count, loaded by every page after it is shown. */
	@GetMapping("/todo/badge")
	String badge(Model model) {
		model.addAttribute("count", this.toDo.of(this.users.current()).count());
		return "home/todo :: badge";
	}

	/** The scopes the reader may choose, narrowest first. */
	/**
	 * The scope asked for, or the widest the reader's role has: a manager opens on the
	 * team, a director on everyone, a KAM on their own.
	 */
	private static Scope scope(CurrentUser me, String asked) {
		if (asked == null || asked.isBlank()) {
			List<String> scopes = scopes(me);
			asked = scopes.get(scopes.size() - 1);
		}
		return PlanParams.parse(Scope.class, asked, "scope");
	}

	static List<String> scopes(CurrentUser me) {
		List<String> scopes = new ArrayList<>(List.of("mine"));
		if (me.role() != Role.KAM) {
			scopes.add("team");
		}
		if (me.role().seesEverything()) {
			scopes.add("all");
		}
		return scopes;
	}

	private java.util.Map<Long, String> ownerNames(CurrentUser me) {
		return this.users.displayNames(
				me.scope().all() ? this.users.all().stream().map((user) -> user.id()).toList() : me.scope().ownerIds());
	}

}
