package io.dakehu.relationship.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountAccess;
import io.dakehu.account.AccountQueries;
import io.dakehu.account.AccountRef;
import io.dakehu.account.AccountSegments;
import io.dakehu.account.KeyAccountType;
import io.dakehu.contact.Attitude;
import io.dakehu.contact.BuyingCenterMember;
import io.dakehu.contact.BuyingRole;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.relationship.AssessmentInput;
import io.dakehu.relationship.Assessments;
import io.dakehu.relationship.BuyingCenters;
import io.dakehu.relationship.CoverageWarning;
import io.dakehu.relationship.GridAxis;
import io.dakehu.relationship.GridSettings;
import io.dakehu.relationship.OpportunityCoverage;
import io.dakehu.relationship.Portfolio;
import io.dakehu.relationship.PortfolioFilter;
import io.dakehu.relationship.PortfolioGrid;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.relationship.RelationshipSummary;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The relationship and buying-center sections of the account page (loaded by htmx), the
 * relationship map, the buying-role form, an opportunity's buying center, the portfolio
 * heat map and the risks list.
 */
@Controller
class RelationshipPages {

	private final Assessments assessments;

	private final GridSettings settings;

	private final Portfolio portfolio;

	private final BuyingCenters buyingCenters;

	private final Contacts contacts;

	private final AccountQueries accounts;

	private final Users users;

	private final AccountSegments tiers;

	RelationshipPages(Assessments assessments, GridSettings settings, Portfolio portfolio, BuyingCenters buyingCenters,
			Contacts contacts, AccountQueries accounts, Users users, AccountSegments tiers) {
		this.tiers = tiers;
		this.assessments = assessments;
		this.settings = settings;
		this.portfolio = portfolio;
		this.buyingCenters = buyingCenters;
		this.contacts = contacts;
		this.accounts = accounts;
		this.users = users;
	}

	@GetMapping("/accounts/{accountId}/relationship/section")
	String section(@PathVariable long accountId, Model model, Locale locale) {
		model.addAttribute("form", new AssessmentInput(null, null, LocalDate.now(), null));
		return section(accountId, model, locale, Map.of());
	}

	/**
	 * Records an assessment from the section's form and answers the section again, with
	 * the new cell or with the form's errors.
	 */
	@PostMapping("/accounts/{accountId}/relationship/assessments")
	String assess(@PathVariable long accountId, @ModelAttribute("form") AssessmentInput form, BindingResult binding,
			Model model, Locale locale) {
		Map<String, RuleViolationException> errors = new HashMap<>();
		if (binding.hasErrors()) {
			binding.getFieldErrors()
				.forEach((error) -> errors.put(error.getField(),
						new RuleViolationException(error.getField(), "relationship.validation.level")));
		}
		else {
			try {
				this.assessments.record(this.users.current(), accountId, form);
				model.addAttribute("saved", true);
				model.addAttribute("form", new AssessmentInput(null, null, LocalDate.now(), null));
			}
			catch (RuleViolationException ex) {
				errors.put(ex.field(), ex);
			}
		}
		return section(accountId, model, locale, errors);
	}

	private String section(long accountId, Model model, Locale locale, Map<String, RuleViolationException> errors) {
		CurrentUser me = this.users.current();
		RelationshipSummary summary = this.assessments.summary(me.scope(), accountId, locale);
		model.addAttribute("accountId", accountId);
		model.addAttribute("summary", summary);
		model.addAttribute("history", this.assessments.history(me.scope(), accountId));
		Map<GridAxis, List<io.dakehu.relationship.GridLevel>> levels = this.settings.levels();
		model.addAttribute("personalLevels", levels.get(GridAxis.PERSONAL));
		model.addAttribute("companyLevels", levels.get(GridAxis.COMPANY));
		model.addAttribute("relationshipType", this.accounts.details(me.scope(), accountId).relationshipType());
		model.addAttribute("cells", GridPicture.cells(this.settings.stageTable(), summary.current()));
		List<GridPicture.Point> points = GridPicture.path(summary.path());
		model.addAttribute("points", points);
		model.addAttribute("arrows", GridPicture.arrows(points));
		model.addAttribute("errors", errors);
		model.addAttribute("picture", Map.of("width", GridPicture.WIDTH, "height", GridPicture.HEIGHT, "cell",
				GridPicture.CELL, "left", GridPicture.LEFT, "top", GridPicture.TOP));
		return "relationship/section :: section";
	}

	@GetMapping("/accounts/{accountId}/buying-center/section")
	String buyingSection(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("accountId", accountId);
		model.addAttribute("members", this.contacts.buyingCenter(me.scope(), accountId));
		List<OpportunityCoverage> coverage = this.buyingCenters.forAccount(me.scope(), accountId);
		model.addAttribute("coverage", coverage);
		model.addAttribute("summary", BuyingCenters.summarise(coverage));
		return "relationship/buying-section :: section";
	}

	@GetMapping("/accounts/{accountId}/relationship-map")
	String map(@PathVariable long accountId, Model model) {
		CurrentUser me = this.users.current();
		AccountRef account = this.accounts.requireVisible(me.scope(), accountId);
		Map<Long, BuyingCenterMember> members = new HashMap<>();
		this.contacts.buyingCenter(me.scope(), accountId).forEach((m) -> members.put(m.contactId(), m));
		model.addAttribute("account", account);
		model.addAttribute("members", members);
		model.addAttribute("chart", this.contacts.orgChart(me.scope(), accountId));
		List<OpportunityCoverage> coverage = this.buyingCenters.forAccount(me.scope(), accountId);
		model.addAttribute("coverage", coverage);
		model.addAttribute("summary", BuyingCenters.summarise(coverage));
		return "relationship/map";
	}

	@GetMapping("/contacts/{contactId}/buying-role")
	String roleForm(@PathVariable long contactId, @RequestParam(required = false) Long opportunity, Model model) {
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), contactId);
		BuyingCenterMember member = member(me, contact, opportunity);
		model.addAttribute("form", new BuyingRolesRequest(java.util.Set.copyOf(member.roles()), member.influence(),
				member.attitude(), member.personalLevel(), member.relationshipOwner(), member.version(), opportunity));
		return roleForm(model, contact, opportunity);
	}

	@PostMapping("/contacts/{contactId}/buying-role")
	String saveRole(@PathVariable long contactId, @ModelAttribute("form") BuyingRolesRequest form, BindingResult errors,
			Model model, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), contactId);
		if (!errors.hasErrors()) {
			try {
				if (form.opportunityId() == null) {
					this.contacts.placeInBuyingCenter(me, contactId, form.input());
				}
				else {
					this.buyingCenters.placeOnOpportunity(me, form.opportunityId(), contactId, form.input());
				}
				Flash.success(redirect, "flash.saved");
				return back(contact, form.opportunityId());
			}
			catch (RuleViolationException ex) {
				errors.rejectValue(ex.field(), ex.messageKey(), ex.args(), null);
			}
			catch (StaleEditException ex) {
				errors.reject("error.stale");
			}
		}
		return roleForm(model, contact, form.opportunityId());
	}

	@PostMapping("/contacts/{contactId}/buying-role/clear")
	String clearRole(@PathVariable long contactId, @RequestParam long opportunity, RedirectAttributes redirect) {
		CurrentUser me = this.users.current();
		ContactView contact = this.contacts.get(me.scope(), contactId);
		this.buyingCenters.clearOnOpportunity(me, opportunity, contactId);
		Flash.success(redirect, "flash.saved");
		return back(contact, opportunity);
	}

	private static String back(ContactView contact, Long opportunity) {
		return (opportunity != null) ? "redirect:/relationship/opportunities/" + opportunity
				: "redirect:/accounts/" + contact.accountId() + "#buying-center";
	}

	private BuyingCenterMember member(CurrentUser me, ContactView contact, Long opportunity) {
		List<BuyingCenterMember> members = (opportunity != null)
				? this.buyingCenters.forOpportunity(me.scope(), opportunity).buyingCenter()
				: this.contacts.buyingCenter(me.scope(), contact.accountId());
		return members.stream()
			.filter((m) -> m.contactId() == contact.id())
			.findFirst()
			.orElseThrow(() -> new RuleViolationException("contactId", "validation.contactNotAtAccount", contact.id()));
	}

	private String roleForm(Model model, ContactView contact, Long opportunity) {
		CurrentUser me = this.users.current();
		model.addAttribute("contact", contact);
		model.addAttribute("account", this.accounts.requireVisible(me.scope(), contact.accountId()));
		model.addAttribute("opportunity", (opportunity != null)
				? this.buyingCenters.forOpportunity(me.scope(), opportunity).opportunity() : null);
		model.addAttribute("roles", BuyingRole.values());
		model.addAttribute("attitudes", Attitude.values());
		// The name the colleague picker shows for the username the form holds.
		String owner = (model.getAttribute("form") instanceof BuyingRolesRequest form) ? form.relationshipOwner()
				: null;
		model.addAttribute("relationshipOwnerName", (owner != null && !owner.isBlank())
				? this.users.findByUsername(owner.strip()).map((user) -> user.displayName()).orElse(owner) : null);
		model.addAttribute("personalLevels", this.settings.levels().get(GridAxis.PERSONAL));
		return "relationship/buying-form";
	}

	@GetMapping("/relationship/opportunities/{opportunityId}")
	String opportunity(@PathVariable long opportunityId, Model model) {
		RecordScope scope = this.users.current().scope();
		OpportunityCoverage coverage = this.buyingCenters.forOpportunity(scope, opportunityId);
		model.addAttribute("coverage", coverage);
		model.addAttribute("mapOpen", mapOpen(scope, coverage));
		return "relationship/opportunity";
	}

	/**
	 * The buying-center card of one opportunity, for the opportunity's own page to load
	 * with htmx the way the account page loads its sections.
	 */
	@GetMapping("/opportunities/{opportunityId}/buying-center/section")
	String opportunitySection(@PathVariable long opportunityId, Model model) {
		RecordScope scope = this.users.current().scope();
		OpportunityCoverage coverage = this.buyingCenters.forOpportunity(scope, opportunityId);
		model.addAttribute("coverage", coverage);
		model.addAttribute("mapOpen", mapOpen(scope, coverage));
		model.addAttribute("embedded", true);
		return "relationship/opportunity :: buyingCenterCard";
	}

	/**
	 * Whether the opportunity's account map opens for the reader: a deal's owner may read
	 * its account without it being in their scope, but the map with its buying-role edits
	 * is for those who have the account (decision 0017).
	 */
	private boolean mapOpen(RecordScope scope, OpportunityCoverage coverage) {
		Long accountId = coverage.opportunity().accountId();
		return accountId != null && this.accounts.access(scope, accountId) == AccountAccess.FULL;
	}

	@GetMapping("/relationship")
	String portfolio(@RequestParam(required = false) String owner, @RequestParam(required = false) KeyAccountType type,
			@RequestParam(required = false) String tier, @RequestParam(required = false) Integer personal,
			@RequestParam(required = false) Integer company,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
			Model model) {
		CurrentUser me = this.users.current();
		PortfolioFilter filter = new PortfolioFilter(owner, type, StringUtils.hasText(tier) ? tier : null);
		model.addAttribute("tiers", this.tiers.codes());
		model.addAttribute("tierPrefix", this.tiers.labelPrefix());
		PortfolioGrid grid = this.portfolio.grid(me.scope(), filter);
		LocalDate from = (since != null) ? since : LocalDate.now().minusDays(90);
		model.addAttribute("grid", grid);
		model.addAttribute("rows", rows(grid));
		model.addAttribute("filter", filter);
		model.addAttribute("since", from);
		model.addAttribute("movement", this.portfolio.movementSince(me.scope(), filter, from));
		model.addAttribute("types", KeyAccountType.values());
		model.addAttribute("stages", RelationshipStage.values());
		model.addAttribute("personalLevels", this.settings.levels().get(GridAxis.PERSONAL));
		model.addAttribute("companyLevels", this.settings.levels().get(GridAxis.COMPANY));
		// Only owners whose accounts the reader can see are worth filtering by.
		model.addAttribute("owners",
				this.users.active()
					.stream()
					.filter((user) -> me.scope().all() || me.scope().ownerIds().contains(user.id()))
					.toList());
		if (personal != null && company != null) {
			model.addAttribute("personal", personal);
			model.addAttribute("company", company);
			model.addAttribute("cellAccounts", this.portfolio.accountsIn(me.scope(), filter, personal, company));
		}
		return "relationship/portfolio";
	}

	/**
	 * The heat map's rows from company level 5 down to 1, each with its five cells and a
	 * shade from the cell's share of the largest count.
	 */
	private static List<List<HeatCell>> rows(PortfolioGrid grid) {
		List<List<HeatCell>> rows = new ArrayList<>();
		for (int company = 5; company >= 1; company--) {
			List<HeatCell> row = new ArrayList<>();
			for (int personal = 1; personal <= 5; personal++) {
				long count = grid.count(personal, company);
				double share = (grid.max() > 0) ? (double) count / grid.max() : 0;
				String shade = (count == 0) ? "#ffffff"
						: String.format(Locale.ROOT, "rgba(179, 38, 30, %.2f)", 0.12 + 0.78 * share);
				row.add(new HeatCell(personal, company, count, shade,
						(count == 0) ? "#b8bcc4" : (share > 0.55) ? "#fff" : "#1f2937"));
			}
			rows.add(row);
		}
		return rows;
	}

	record HeatCell(int personal, int company, long count, String shade, String ink) {
	}

	@GetMapping("/relationship/risks")
	String risks(@RequestParam(required = false) CoverageWarning.Kind kind, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("result",
				this.buyingCenters.risks(this.users.current().scope(), kind, new PageRequest(page, 25)));
		model.addAttribute("kind", kind);
		model.addAttribute("kinds", CoverageWarning.Kind.values());
		model.addAttribute("counts", this.buyingCenters.riskCounts(this.users.current().scope()));
		return "relationship/risks";
	}

}
