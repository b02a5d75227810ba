package io.dakehu.retention.web;

import java.util.Map;

import io.dakehu.retention.ChurnFactor;
import io.dakehu.retention.ChurnRisk;
import io.dakehu.shared.web.Labels;

import org.springframework.stereotype.Component;

/**
 * Tells a factor's fact and the next action in the reader's language, from the numbers a
 * run kept: "purchases −42 % vs prior 12 months", "complaint #381 overdue 3 days".
 * Numbers that are ids or counts of days go in as text, so no thousands separator turns
 * complaint 1234 into "#1,234".
 */
@Component
class ChurnFacts {

	private final Labels labels;

	ChurnFacts(Labels labels) {
		this.labels = labels;
	}

	String fact(ChurnRisk.Factor factor) {
		Map<String, Object> f = factor.facts();
		return switch (factor.code()) {
			case PURCHASES_FELL -> this.labels.get("churn.fact.PURCHASES_FELL", text(f.get("changePercent")),
					f.get("revenue"), f.get("priorRevenue"));
			case NO_PURCHASE -> f.containsKey("daysSincePurchase")
					? this.labels.get("churn.fact.NO_PURCHASE", f.get("daysSincePurchase"), f.get("usualDays"))
					: this.labels.get("churn.fact.NO_PURCHASE.none", f.get("usualDays"));
			case COMPLAINTS -> f.containsKey("complaintId")
					? this.labels.get("churn.fact.COMPLAINTS.overdue", text(f.get("complaintId")), f.get("overdueDays"),
							f.get("recentComplaints"))
					: this.labels.get("churn.fact.COMPLAINTS.recent", f.get("recentComplaints"));
			case SATISFACTION -> this.labels.get("churn.fact.SATISFACTION", f.get("satisfaction"));
			case CONTACT_OVERDUE ->
				this.labels.get("churn.fact.CONTACT_OVERDUE", f.get("overdueDays"), f.get("cadenceDays"));
			case DEAL_LOST ->
				this.labels.get("churn.fact.DEAL_LOST", text(f.get("opportunityId")), text(f.get("competitor")));
			case CREDIT -> f.containsKey("overdueAmount")
					? this.labels.get("churn.fact.CREDIT.receivables", f.get("overdueAmount"), f.get("overdueDays"))
					: this.labels.get("churn.fact.CREDIT");
		};
	}

	String nextAction(ChurnFactor factor) {
		return (factor != null) ? this.labels.get("churn.next." + factor.name()) : null;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : "";
	}

}
