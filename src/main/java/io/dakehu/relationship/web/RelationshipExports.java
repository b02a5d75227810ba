package io.dakehu.relationship.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.dakehu.account.AccountQueries;
import io.dakehu.account.KeyAccountType;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.opportunity.OpportunityView;
import io.dakehu.opportunity.Stage;
import io.dakehu.relationship.BuyingCenters;
import io.dakehu.relationship.CoverageWarning;
import io.dakehu.relationship.OpportunityCoverage;
import io.dakehu.relationship.Portfolio;
import io.dakehu.relationship.PortfolioAccount;
import io.dakehu.relationship.PortfolioFilter;
import io.dakehu.relationship.RelationshipStage;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;
import io.dakehu.shared.web.Labels;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export buttons of the relationship portfolio and the risks list. The portfolio's
 * file holds every account its heat map counts for the same owner, type and tier, with
 * the newest assessment; the risks file every opportunity the list shows for the same
 * kind, all pages of it. Both are limited by the reader's record scope as the pages are;
 * headers and warnings are in the reader's language.
 */
@Controller
class RelationshipExports {

	private final Portfolio portfolio;

	private final BuyingCenters buyingCenters;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	RelationshipExports(Portfolio portfolio, BuyingCenters buyingCenters, AccountQueries accounts, Users users,
			Labels labels) {
		this.portfolio = portfolio;
		this.buyingCenters = buyingCenters;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/relationship/export")
	ResponseEntity<StreamingResponseBody> portfolio(@RequestParam(required = false) String owner,
			@RequestParam(required = false) KeyAccountType type, @RequestParam(required = false) String tier,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		RecordScope scope = this.users.current().scope();
		PortfolioFilter filter = new PortfolioFilter(owner, type, StringUtils.hasText(tier) ? tier : null);
		ExportFormat file = ExportFormat.parse(format);
		List<String> header = labels(locale, "risks.account", "field.owner", "relationship.axis.PERSONAL",
				"relationship.axis.COMPANY", "portfolio.stage", "portfolio.assessedOn");
		// Read before the response starts, so an unknown tier answers 400 rather than a
		// broken download; the portfolio sorts its accounts in memory anyway.
		List<PortfolioAccount> listed = this.portfolio.accounts(scope, filter);
		Map<RelationshipStage, String> stages = new java.util.EnumMap<>(RelationshipStage.class);
		for (RelationshipStage stage : RelationshipStage.values()) {
			stages.put(stage, this.labels.get(locale, "relationship.stage." + stage.name()));
		}
		Map<Long, String> owners = this.accounts
			.ownerUsernames(listed.stream().map(PortfolioAccount::accountId).toList());
		return TableDownload.of("relationship-portfolio", file, (table) -> {
			table.row(header);
			for (PortfolioAccount account : listed) {
				table.row(Arrays.asList(account.name(), owners.get(account.accountId()), account.personal(),
						account.company(), stages.get(account.stage()), account.assessedOn()));
			}
		});
	}

	@GetMapping("/relationship/risks/export")
	ResponseEntity<StreamingResponseBody> risks(@RequestParam(required = false) CoverageWarning.Kind kind,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		RecordScope scope = this.users.current().scope();
		ExportFormat file = ExportFormat.parse(format);
		List<String> header = labels(locale, "risks.account", "risks.opportunity", "risks.stage", "field.owner",
				"coverage.warnings");
		List<OpportunityCoverage> risks = this.buyingCenters.risks(scope, kind);
		Map<Stage, String> stages = new java.util.EnumMap<>(Stage.class);
		for (Stage stage : Stage.values()) {
			stages.put(stage, this.labels.get(locale, "stage." + stage.name()));
		}
		return TableDownload.of("relationship-risks", file, (table) -> {
			table.row(header);
			for (OpportunityCoverage risk : risks) {
				OpportunityView opportunity = risk.opportunity();
				table.row(Arrays.asList(opportunity.accountName(), name(opportunity, locale),
						stages.get(opportunity.stage()), opportunity.owner(), warnings(risk.warnings(), locale)));
			}
		});
	}

	/**
	 * The opportunity as the risks list names it: its name, else its product, else its
	 * number.
	 */
	private String name(OpportunityView opportunity, Locale locale) {
		if (opportunity.name() != null) {
			return opportunity.name();
		}
		return (opportunity.productName() != null) ? opportunity.productName()
				: this.labels.get(locale, "coverage.opportunity", String.valueOf(opportunity.id()));
	}

	/** The warnings as the list words them, one after another in a single cell. */
	private String warnings(List<CoverageWarning> warnings, Locale locale) {
		return warnings.stream().map((w) -> switch (w.kind()) {
			case NO_DECIDER -> this.labels.get(locale, "coverage.NO_DECIDER");
			case WEAK_DECIDER, UNCHECKED_OPPONENT ->
				this.labels.get(locale, "coverage." + w.kind().name(), w.contactName(), w.value());
		}).collect(Collectors.joining("; "));
	}

	private List<String> labels(Locale locale, String... keys) {
		return Arrays.stream(keys).map((key) -> this.labels.get(locale, key)).toList();
	}

}
