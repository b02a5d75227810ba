package io.dakehu.account;

import java.time.LocalDate;
import java.util.List;

/**
 * Purchases just written to the ledger, as the account lifecycle needs them: each account
 * once, with the date of its latest purchase among them. The purchase ledger publishes it
 * in the transaction that writes the lines (one event per batch, so an import's chunk
 * moves its accounts in a few statements); the account module keeps PROSPECT, ACTIVE,
 * DORMANT and LOST from it. The type lives here, not in the ledger's module, because the
 * ledger depends on accounts and never the other way round.
 */
public record PurchasesRecorded(List<Purchase> purchases) {

	public PurchasesRecorded {
		purchases = List.copyOf(purchases);
	}

	/** An account's latest purchase among those recorded. */
	public record Purchase(long accountId, LocalDate date) {
	}

}
