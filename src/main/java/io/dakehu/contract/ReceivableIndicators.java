package io.dakehu.contract;

import java.util.Collection;
import java.util.Map;

/**
 * What the credit rating (DOMAIN.md §5 #6–#9) reads of an account's receivables, without
 * record scope: the rating module checks who may rate an account.
 */
public interface ReceivableIndicators {

	/**
	 * The indicators of each account as of today; accounts without contracts included.
	 */
	Map<Long, PaymentIndicators> of(Collection<Long> accountIds);

}
