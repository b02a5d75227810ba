package io.dakehu.segmentation;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.dakehu.account.AccountScopeSql;
import io.dakehu.account.AccountSegments;

import org.springframework.stereotype.Component;

/**
 * The customer tier of the latest company-wide run, offered to the account list as a
 * column and a filter. Looked up by primary key per page of the list, never joined into
 * the list's own query.
 */
@Component
class TierSegments implements AccountSegments {

	private final SegmentationRuns runs;

	private final LatestClasses latest;

	TierSegments(SegmentationRuns runs, LatestClasses latest) {
		this.runs = runs;
		this.latest = latest;
	}

	@Override
	public List<String> codes() {
		return Arrays.stream(Tier.values()).map(Tier::name).toList();
	}

	@Override
	public String labelPrefix() {
		return "tier.";
	}

	@Override
	public Map<Long, String> of(Collection<Long> accountIds) {
		Map<Long, String> codes = new HashMap<>();
		this.latest.tiers(accountIds).forEach((id, tier) -> codes.put(id, tier.name()));
		return codes;
	}

	@Override
	public AccountScopeSql filter(String code, String accountIdColumn) {
		Tier tier = Tier.valueOf(code);
		Optional<Long> run = this.runs.latestRunId();
		if (run.isEmpty()) {
			return new AccountScopeSql("1 = 0", Map.of());
		}
		return new AccountScopeSql(
				accountIdColumn + " in (select ss.account_id from segmentation_snapshot ss"
						+ " where ss.run_id = :segmentRun and ss.tier = :segmentTier)",
				Map.of("segmentRun", run.get(), "segmentTier", tier.name()));
	}

}
