package io.dakehu.segmentation.web;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.identity.RecordScope;
import io.dakehu.identity.Users;
import io.dakehu.segmentation.AbcClass;
import io.dakehu.segmentation.RunSummary;
import io.dakehu.segmentation.SegmentationRuns;
import io.dakehu.segmentation.Snapshots;
import io.dakehu.segmentation.TierMigration;
import io.dakehu.segmentation.SnapshotRow;
import io.dakehu.segmentation.Tier;
import io.dakehu.segmentation.ValueGrowth;
import io.dakehu.shared.PageRequest;
import io.dakehu.shared.PageResult;
import io.dakehu.shared.export.ExportFormat;
import io.dakehu.shared.export.TableDownload;
import io.dakehu.shared.web.Labels;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The export buttons of the lists behind the dashboard: the segment's accounts and the
 * tier migration. Each file holds the rows its list shows for the same query string and
 * the same record scope, every page of them; the header, tiers and classes are in the
 * reader's language, as the pages label them.
 */
@Controller
class SegmentationExports {

	private final SegmentationRuns runs;

	private final Snapshots snapshots;

	private final TierMigration migration;

	private final AccountQueries accounts;

	private final Users users;

	private final Labels labels;

	SegmentationExports(SegmentationRuns runs, Snapshots snapshots, TierMigration migration, AccountQueries accounts,
			Users users, Labels labels) {
		this.runs = runs;
		this.snapshots = snapshots;
		this.migration = migration;
		this.accounts = accounts;
		this.users = users;
		this.labels = labels;
	}

	@GetMapping("/segmentation/accounts/export")
	ResponseEntity<StreamingResponseBody> accounts(@RequestParam long run, @RequestParam(required = false) Tier tier,
			@RequestParam(required = false) AbcClass abc, @RequestParam(required = false) ValueGrowth valueGrowth,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		RecordScope scope = this.users.current().scope();
		RunSummary summary = this.runs.summary(run);
		List<String> header = labels(locale, "snapshot.rank", "snapshot.account", "field.owner", "tier.label",
				"snapshot.abc", "snapshot.valueGrowth", "measure." + summary.measure(), "snapshot.priorAmount",
				"snapshot.growth", "snapshot.margin", "snapshot.contactCost", "snapshot.netProfit", "snapshot.clv");
		Map<Tier, String> tiers = labels(locale, "tier.", Tier.values());
		Map<AbcClass, String> classes = labels(locale, "abc.", AbcClass.values());
		Map<ValueGrowth, String> growths = labels(locale, "valueGrowth.", ValueGrowth.values());
		return TableDownload.of("segment-accounts", ExportFormat.parse(format), (table) -> {
			table.row(header);
			for (int page = 0;; page++) {
				PageResult<SnapshotRow> rows = this.snapshots.accounts(scope, run, tier, abc, valueGrowth,
						new PageRequest(page, PageRequest.MAX_SIZE));
				Map<Long, String> owners = this.accounts
					.ownerUsernames(rows.content().stream().map(SnapshotRow::accountId).toList());
				for (SnapshotRow row : rows.content()) {
					table.row(Arrays.asList(row.rank(), row.accountName(), owners.get(row.accountId()),
							tiers.get(row.tier()), classes.get(row.abc()), growths.get(row.valueGrowth()), row.amount(),
							row.priorAmount(), row.growth(), row.margin(), row.contactCost(), row.netProfit(),
							row.clv()));
				}
				if (!rows.hasNext()) {
					break;
				}
			}
		});
	}

	@GetMapping("/segmentation/migration/export")
	ResponseEntity<StreamingResponseBody> migration(@RequestParam long from, @RequestParam long to,
			@RequestParam(required = false) String fromTier, @RequestParam(required = false) String toTier,
			@RequestParam(defaultValue = "csv") String format, Locale locale) {
		RecordScope scope = this.users.current().scope();
		List<TierMigration.Move> moves = this.migration.movers(scope, from, to, SegmentationPages.valid(fromTier, "IN"),
				SegmentationPages.valid(toTier, "OUT"), SegmentationPages.MOVERS_LISTED);
		List<String> header = labels(locale, "snapshot.account", "field.owner", "migration.before", "migration.after",
				"migration.rankBefore", "migration.rankAfter");
		String entered = this.labels.get(locale, "migration.in");
		String left = this.labels.get(locale, "migration.out");
		Map<Tier, String> tiers = labels(locale, "tier.", Tier.values());
		return TableDownload.of("tier-migration", ExportFormat.parse(format), (table) -> {
			table.row(header);
			Map<Long, String> owners = this.accounts
				.ownerUsernames(moves.stream().map(TierMigration.Move::accountId).toList());
			for (TierMigration.Move move : moves) {
				table.row(Arrays.asList(move.accountName(), owners.get(move.accountId()),
						(move.from() != null) ? tiers.get(move.from()) : entered,
						(move.to() != null) ? tiers.get(move.to()) : left, move.fromRank(), move.toRank()));
			}
		});
	}

	private List<String> labels(Locale locale, String... keys) {
		return Arrays.stream(keys).map((key) -> this.labels.get(locale, key)).toList();
	}

	/**
	 * Every value's label, looked up before the file is written without the request's
	 * locale.
	 */
	private <E extends Enum<E>> Map<E, String> labels(Locale locale, String prefix, E[] values) {
		Map<E, String> labels = new java.util.HashMap<>();
		for (E value : values) {
			labels.put(value, this.labels.get(locale, prefix + value.name()));
		}
		return labels;
	}

}
