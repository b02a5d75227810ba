package io.dakehu.relationship.web;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.KeyAccountType;
import io.dakehu.contact.BuyingCenterMember;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.relationship.AssessmentInput;
import io.dakehu.relationship.AssessmentView;
import io.dakehu.relationship.Assessments;
import io.dakehu.relationship.BuyingCenters;
import io.dakehu.relationship.CoverageWarning;
import io.dakehu.relationship.GridAxis;
import io.dakehu.relationship.GridLevel;
import io.dakehu.relationship.GridSettings;
import io.dakehu.relationship.Movement;
import io.dakehu.relationship.OpportunityCoverage;
import io.dakehu.relationship.Portfolio;
import io.dakehu.relationship.PortfolioAccount;
import io.dakehu.relationship.PortfolioFilter;
import io.dakehu.relationship.PortfolioGrid;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.relationship.RelationshipSummary;
import io.dakehu.relationship.StageTable;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The 25-grid, the buying center and coverage over the API, limited to the caller's
 * record scope.
 */
@RestController
class RelationshipApi {

	private final Assessments assessments;

	private final Portfolio portfolio;

	private final GridSettings settings;

	private final BuyingCenters buyingCenters;

	private final Contacts contacts;

	private final Users users;

	RelationshipApi(Assessments assessments, Portfolio portfolio, GridSettings settings, BuyingCenters buyingCenters,
			Contacts contacts, Users users) {
		this.assessments = assessments;
		this.portfolio = portfolio;
		this.settings = settings;
		this.buyingCenters = buyingCenters;
		this.contacts = contacts;
		this.users = users;
	}

	@PostMapping("/api/v1/accounts/{accountId}/relationship-assessments")
	ResponseEntity<AssessmentView> assess(@PathVariable long accountId, @RequestBody AssessmentInput input) {
		AssessmentView created = this.assessments.record(this.users.current(), accountId, input);
		return ResponseEntity
			.created(URI.create("/api/v1/accounts/" + accountId + "/relationship-assessments/" + created.id()))
			.body(created);
	}

	@GetMapping("/api/v1/accounts/{accountId}/relationship-assessments")
	List<AssessmentView> history(@PathVariable long accountId) {
		return this.assessments.history(this.users.current().scope(), accountId);
	}

	@GetMapping("/api/v1/accounts/{accountId}/relationship")
	RelationshipSummary summary(@PathVariable long accountId, Locale locale) {
		return this.assessments.summary(this.users.current().scope(), accountId, locale);
	}

	@GetMapping("/api/v1/relationship/grid")
	PortfolioGrid grid(@RequestParam(required = false) String owner,
			@RequestParam(required = false) KeyAccountType type, @RequestParam(required = false) String tier) {
		return this.portfolio.grid(this.users.current().scope(), new PortfolioFilter(owner, type, tier));
	}

	@GetMapping("/api/v1/relationship/grid/accounts")
	List<PortfolioAccount> accountsInCell(@RequestParam int personal, @RequestParam int company,
			@RequestParam(required = false) String owner, @RequestParam(required = false) KeyAccountType type,
			@RequestParam(required = false) String tier) {
		return this.portfolio.accountsIn(this.users.current().scope(), new PortfolioFilter(owner, type, tier), personal,
				company);
	}

	@GetMapping("/api/v1/relationship/movement")
	Movement movement(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
			@RequestParam(required = false) String owner, @RequestParam(required = false) KeyAccountType type) {
		return this.portfolio.movementSince(this.users.current().scope(), new PortfolioFilter(owner, type), since);
	}

	@GetMapping("/api/v1/relationship/stage-table")
	StageTable stageTable() {
		return this.settings.stageTable();
	}

	@PutMapping("/api/v1/relationship/stage-table")
	StageTable changeStageTable(@RequestBody StageTableRequest request) {
		return this.settings.changeStageTable(this.users.current(), new StageTable(request.stages()));
	}

	@GetMapping("/api/v1/relationship/levels")
	Map<GridAxis, List<GridLevel>> levels() {
		return this.settings.levels();
	}

	@PutMapping("/api/v1/relationship/levels")
	Map<GridAxis, List<GridLevel>> renameLevels(@RequestBody List<GridLevel> levels) {
		return this.settings.renameLevels(this.users.current(), levels);
	}

	@GetMapping("/api/v1/relationship/risks")
	PageResult<OpportunityCoverage> risks(@RequestParam(required = false) CoverageWarning.Kind kind,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.buyingCenters.risks(this.users.current().scope(), kind, new PageRequest(page, size));
	}

	@GetMapping("/api/v1/accounts/{accountId}/buying-center")
	AccountBuyingCenter accountBuyingCenter(@PathVariable long accountId) {
		CurrentUser me = this.users.current();
		return new AccountBuyingCenter(this.contacts.buyingCenter(me.scope(), accountId),
				this.buyingCenters.forAccount(me.scope(), accountId));
	}

	@GetMapping("/api/v1/opportunities/{opportunityId}/buying-center")
	OpportunityCoverage opportunityBuyingCenter(@PathVariable long opportunityId) {
		return this.buyingCenters.forOpportunity(this.users.current().scope(), opportunityId);
	}

	/**
	 * Sets a person's buying-center role: at their account, or with {@code opportunityId}
	 * on that opportunity only.
	 */
	@PutMapping("/api/v1/contacts/{contactId}/buying-roles")
	BuyingCenterMember placeInBuyingCenter(@PathVariable long contactId, @RequestBody BuyingRolesRequest request) {
		CurrentUser me = this.users.current();
		if (request.opportunityId() == null) {
			return this.contacts.placeInBuyingCenter(me, contactId, request.input());
		}
		OpportunityCoverage coverage = this.buyingCenters.placeOnOpportunity(me, request.opportunityId(), contactId,
				request.input());
		return coverage.buyingCenter().stream().filter((m) -> m.contactId() == contactId).findFirst().orElseThrow();
	}

	/**
	 * Forgets a person's role on one opportunity, so their role at the account applies.
	 */
	@DeleteMapping("/api/v1/contacts/{contactId}/buying-roles")
	ResponseEntity<Void> clearOnOpportunity(@PathVariable long contactId, @RequestParam long opportunityId) {
		this.buyingCenters.clearOnOpportunity(this.users.current(), opportunityId, contactId);
		return ResponseEntity.noContent().build();
	}

	record StageTableRequest(List<List<RelationshipStage>> stages) {
	}

	record AccountBuyingCenter(List<BuyingCenterMember> members, List<OpportunityCoverage> openOpportunities) {
	}

}
