package io.dakehu.relationship;

import java.time.LocalDate;

/**
 * An account in one cell of the heat map.
 */
public record PortfolioAccount(long accountId, String name, int personal, int company, RelationshipStage stage,
		LocalDate assessedOn) {
}
