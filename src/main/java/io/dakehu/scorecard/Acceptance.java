package io.dakehu.scorecard;

import java.math.BigDecimal;

/**
 * A manager's decision on a rating's suggested credit.
 *
 * @param version the rating's version the manager read
 * @param limit null to accept the suggested limit
 * @param termsDays null to accept the suggested terms
 * @param note required when the limit or terms differ from the suggestion
 */
public record Acceptance(Integer version, BigDecimal limit, Integer termsDays, String note) {
}
