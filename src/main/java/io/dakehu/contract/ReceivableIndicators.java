package io.dakehu.contract;

import java.time.LocalDate;
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

	/**
	 * The fulfilment figures (§5 #6–#9) of each account as they stood when {@code day}
	 * began: instalments due, receipts, write-offs and contracts ended before it, as a
	 * rating of the quarter starting that day reads them. Statuses are today's.
	 */
	Map<Long, FulfilmentFigures> fulfilment(Collection<Long> accountIds, LocalDate day);

}
