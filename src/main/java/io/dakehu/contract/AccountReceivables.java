package io.dakehu.contract;

import java.util.List;

/**
 * The data card's current-transactions part of contracts: active contracts, the next
 * instalments owed, the last receipts, with the account's indicators and how much of its
 * credit limit it uses.
 */
public record AccountReceivables(PaymentIndicators indicators, List<ContractView> activeContracts,
		List<InstalmentView> nextInstalments, List<ReceiptView> lastReceipts, CreditUse creditUse) {
}
