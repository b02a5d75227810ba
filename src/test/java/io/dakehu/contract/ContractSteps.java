package io.dakehu.contract;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.dakehu.support.Api;
import io.dakehu.support.Api.Response;

import static io.dakehu.support.Api.json;

/**
 * Contracts and receipts made over the API, as a KAM makes them, for the contract
 * module's tests: signed on the application's today, dates of plans given by the test.
 */
final class ContractSteps {

	private final Api api;

	private final LocalDate today;

	ContractSteps(Api api, LocalDate today) {
		this.api = api;
		this.today = today;
	}

	/** A payment plan: due dates and amounts, alternating. */
	static List<Map<String, Object>> plan(Object... dueDatesAndAmounts) {
		List<Map<String, Object>> plan = new ArrayList<>();
		for (int i = 0; i < dueDatesAndAmounts.length; i += 2) {
			plan.add(json("dueDate", dueDatesAndAmounts[i].toString(), "amount", dueDatesAndAmounts[i + 1]));
		}
		return plan;
	}

	/** A draft contract; the caller checks the answer. */
	Response create(String user, long account, String number, String amount, List<Map<String, Object>> plan) {
		return this.api.post(user, "/api/v1/contracts", json("number", number, "accountId", account, "signedDate",
				this.today.toString(), "amount", amount, "paymentTerms", "30 days net", "instalments", plan));
	}

	/** A contract put in force with its plan; returns its id. */
	long activeContract(String user, long account, String amount, List<Map<String, Object>> plan) {
		Response created = create(user, account, null, amount, plan).expect(201);
		return this.api
			.post(user, "/api/v1/contracts/" + created.id() + "/activate", json("version", created.version()))
			.expect(200)
			.id();
	}

	/** A receipt by bank transfer dated today; the caller checks the answer. */
	Response receipt(String user, long contract, String amount) {
		return this.api.post(user, "/api/v1/receipts", json("contractId", contract, "date", this.today.toString(),
				"amount", amount, "method", "BANK_TRANSFER", "reference", "BANK-1"));
	}

}
