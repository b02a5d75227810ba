package io.dakehu.dataimport;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dakehu.account.AccountQueries;
import io.dakehu.contract.ContractInput;
import io.dakehu.contract.ContractView;
import io.dakehu.contract.Contracts;
import io.dakehu.contract.InstalmentInput;
import io.dakehu.contract.PaymentMethod;
import io.dakehu.contract.ReceiptInput;
import io.dakehu.contract.Receipts;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.DemoDataLoaded;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The money side of the demo ({@code story/contracts.csv}): contracts signed by the
 * account's owner days or months ago, with payment plans and the receipts that came in,
 * so the aging, the account's current transactions and the overdue receivables show every
 * bucket from "not due" to "over 90 days", and one draft waits to be activated. Days
 * count back from the first start. Before the first churn run, which reads overdue
 * receivables. One transaction, so a failure leaves no half story.
 */
@Component
class DemoContractStory {

	private static final Logger log = LoggerFactory.getLogger(DemoContractStory.class);

	private final AccountQueries accounts;

	private final Users users;

	private final Contracts contracts;

	private final Receipts receipts;

	private final TransactionTemplate transaction;

	private final Clock clock;

	DemoContractStory(AccountQueries accounts, Users users, Contracts contracts, Receipts receipts,
			PlatformTransactionManager transactions, Clock clock) {
		this.accounts = accounts;
		this.users = users;
		this.contracts = contracts;
		this.receipts = receipts;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@EventListener
	@Order(DemoDataLoaded.CONTRACTS)
	void tell(DemoDataLoaded loaded) {
		this.transaction.executeWithoutResult((status) -> {
			Map<String, CurrentUser> people = DemoDataStory.people(this.users);
			Map<String, Long> accountIds = DemoDataStory.accountIds(this.accounts,
					people.values().iterator().next().scope());
			LocalDate today = LocalDate.now(this.clock);
			int told = 0;
			for (CSVRecord row : DemoData.read("story/contracts.csv")) {
				CurrentUser owner = people.get(row.get("owner"));
				LocalDate signed = today.minusDays(Long.parseLong(row.get("signed_days_ago")));
				List<InstalmentInput> plan = new ArrayList<>();
				for (String instalment : row.get("instalments").split("\\|")) {
					String[] parts = instalment.split(":");
					plan.add(new InstalmentInput(signed.plusDays(Long.parseLong(parts[0])), new BigDecimal(parts[1])));
				}
				ContractInput input = new ContractInput(null, accountIds.get(row.get("account")), null, signed, signed,
						null, new BigDecimal(row.get("amount")), row.get("payment_terms"), owner.username(), null, plan,
						null);
				DemoDataStory.as(owner, () -> {
					ContractView contract = this.contracts.create(owner, input);
					if (row.get("status").equals("ACTIVE")) {
						this.contracts.activate(owner, contract.id(), contract.version());
						pay(owner, contract.id(), row.get("receipts"), today);
					}
				});
				told++;
			}
			log.info("Demo contract story: {} contracts", told);
		});
	}

	/** Records the row's receipts, each {@code days ago:amount:method}. */
	private void pay(CurrentUser owner, long contractId, String receipts, LocalDate today) {
		if (receipts.isEmpty()) {
			return;
		}
		for (String receipt : receipts.split("\\|")) {
			String[] parts = receipt.split(":");
			this.receipts.record(owner, new ReceiptInput(contractId, today.minusDays(Long.parseLong(parts[0])),
					new BigDecimal(parts[1]), PaymentMethod.valueOf(parts[2]), null));
		}
	}

}
