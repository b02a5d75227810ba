package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A channel evaluation as the API and the pages show it.
 *
 * @param band CORE, QUALIFIED, PROBATION or NOT_QUALIFIED on the default card
 */
public record ChannelView(long id, long accountId, long scorecardId, int scorecardVersion, BigDecimal score,
		String band, List<CriterionLine> factors, ChannelInterests interests, String evaluatedBy,
		LocalDateTime evaluatedAt) {
}
