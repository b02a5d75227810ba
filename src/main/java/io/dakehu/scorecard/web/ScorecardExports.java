package io.dakehu.scorecard.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.scorecard.ChannelEvaluations;
import io.dakehu.scorecard.ChannelPartnerList;
import io.dakehu.scorecard.CreditLists;
import io.dakehu.scorecard.FunnelAccount;
import io.dakehu.scorecard.FunnelStage;
import io.dakehu.scorecard.GradeBand;
import io.dakehu.scorecard.GradedAccount;
import io.dakehu.scorecard.ScorecardKind;
import io.dakehu.scorecard.Scorecards;
import io.dakehu.scorecard.Selections;
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
 * The export buttons of the three portfolio views of scorecards (DOMAIN.md §5, §6, §6.1):
 * the accounts a heat map cell counts (or every rated account), the accounts at a stage
 * of the selection funnel, and the channel partners of a band (or all of them). Each file
 * holds what its view lists for the same filter, limited by the reader's record scope;
 * headers and codes' names are in the reader's language.
 */
@Controller
class ScorecardExports {

	/** The most accounts a funnel stage lists on its page and in its file. */
	static final int FUNNEL_LIMIT = 10_000;

	private final CreditLists creditLists;

	private final Selections selections;

	private final ChannelEvaluations channel;

	private final Scorecards scorecards;

	private final Users users;

	private final Labels labels;

	ScorecardExports(CreditLists creditLists, Selections selections, ChannelEvaluations channel, Scorecards scorecards,
			Users users, Labels labels) {
		this.creditLists = creditLists;
		this.selections = selections;
		this.channel = channel;
		this.scorecards = scorecards;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/credit-ratings/heatmap/export")
	ResponseEntity<StreamingResponseBody> heatmap(@RequestParam(required = false) String tier,
			@RequestParam(required = false) String grade, @RequestParam(defaultValue = "csv") String format,
			Locale locale) {
		RecordScope scope = this.users.current().scope();
		ExportFormat file = ExportFormat.parse(format);
		List<String> header = labels(locale, "credit.export.account", "account.owner", "tier.label",
				"credit.export.grade", "credit.export.quarter", "credit.export.score", "credit.export.provisional");
		List<GradedAccount> listed = this.creditLists.graded(scope, blankless(tier), blankless(grade));
		Map<String, String> tiers = new LinkedHashMap<>();
		for (String code : List.of("VIP", "MAJOR", "ORDINARY", "SMALL", "NONE")) {
			tiers.put(code, this.labels.get(locale, "credit.tier." + code));
		}
		String yes = this.labels.get(locale, "credit.export.yes");
		return TableDownload.of("credit-heatmap", file, (table) -> {
			table.row(header);
			for (GradedAccount account : listed) {
				table.row(Arrays.asList(account.name(), account.owner(), tiers.get(account.tier()), account.grade(),
						account.quarter(), account.score(), account.provisional() ? yes : null));
			}
		});
	}

	@GetMapping("/selection-funnel/export")
	ResponseEntity<StreamingResponseBody> funnel(@RequestParam(required = false) String stage,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		RecordScope scope = this.users.current().scope();
		ExportFormat file = ExportFormat.parse(format);
		FunnelStage chosen = FunnelStage.parse(stage);
		List<String> header = labels(locale, "credit.export.account", "account.owner", "selection.funnel.result",
				"selection.funnel.score", "selection.funnel.evaluatedOn", "selection.funnel.acceptedColumn");
		List<FunnelAccount> listed = this.selections.funnelAccounts(scope, chosen, FUNNEL_LIMIT);
		Map<String, String> results = new LinkedHashMap<>();
		for (String code : List.of("RECOMMEND", "REVIEW", "REJECT")) {
			results.put(code, this.labels.get(locale, "selection.result." + code));
		}
		String yes = this.labels.get(locale, "credit.export.yes");
		return TableDownload.of("selection-" + chosen.name().toLowerCase(Locale.ROOT), file, (table) -> {
			table.row(header);
			for (FunnelAccount account : listed) {
				table.row(Arrays.asList(account.name(), account.owner(), results.get(account.result().name()),
						account.score(), account.evaluatedAt().toLocalDate(), account.accepted() ? yes : null));
			}
		});
	}

	@GetMapping("/channel-partners/export")
	ResponseEntity<StreamingResponseBody> partners(@RequestParam(required = false) String band,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		RecordScope scope = this.users.current().scope();
		ExportFormat file = ExportFormat.parse(format);
		List<String> header = labels(locale, "channel.partner", "account.owner", "channel.band", "channel.score",
				"channel.evaluated");
		ChannelPartnerList list = this.channel.partners(scope, blankless(band));
		Map<String, String> bands = new LinkedHashMap<>();
		for (GradeBand each : this.scorecards.current(ScorecardKind.CHANNEL).grades()) {
			bands.put(each.code(), each.name(locale));
		}
		bands.put(ChannelEvaluations.NONE, this.labels.get(locale, "channel.band.NONE"));
		return TableDownload.of("channel-partners", file, (table) -> {
			table.row(header);
			for (ChannelPartnerList.Partner partner : list.partners()) {
				table.row(Arrays.asList(partner.name(), partner.owner(), bands.get(partner.band()), partner.score(),
						(partner.evaluatedAt() != null) ? partner.evaluatedAt().toLocalDate() : null));
			}
		});
	}

	private static String blankless(String text) {
		return StringUtils.hasText(text) ? text.strip() : null;
	}

	private List<String> labels(Locale locale, String... keys) {
		return Arrays.stream(keys).map((key) -> this.labels.get(locale, key)).toList();
	}

}
