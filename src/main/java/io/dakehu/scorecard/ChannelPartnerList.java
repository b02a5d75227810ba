package io.dakehu.scorecard;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * The channel partners in the reader's scope by the band of their latest evaluation, with
 * the coverage of the year: how many were evaluated since it began.
 *
 * @param bands the card's bands from the top, then NONE for partners never evaluated
 * @param counts partners by band code (NONE for never evaluated)
 * @param partners the partners, filtered to one band when asked
 */
public record ChannelPartnerList(int year, long total, long evaluatedThisYear, List<String> bands,
		Map<String, Long> counts, List<Partner> partners) {

	/**
	 * A channel partner and its latest evaluation, if any.
	 */
	public record Partner(long accountId, String name, String owner, String band, BigDecimal score,
			LocalDateTime evaluatedAt, Long evaluationId) {
	}

}
