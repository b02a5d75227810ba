package io.dakehu.contract;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The credit limit granted to an account, which the credit rating owns (DOMAIN.md §5):
 * contracts read it through this port, so the rating may read receivables without a cycle
 * between the two modules.
 */
public interface CreditLimits {

	/** The limit granted on the account's newest accepted rating; empty when none. */
	Optional<BigDecimal> granted(long accountId);

}
