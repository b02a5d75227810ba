package io.dakehu.questions;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The questions the product answers out of the box (DOMAIN.md §11), in the order the
 * source texts ask them, each with the facts shown beside its accounts. The facts'
 * expressions read the aliases {@link StandardQuestions} gives the fragments it joins.
 */
public enum Question {

	/** The pyramid's VIP and Major customers of the latest company-wide run. */
	GOLD_CUSTOMERS("gold-customers", new Fact("tier", FactKind.TIER, "s.tier"),
			new Fact("rank", FactKind.NUMBER, "s.rank_no"), new Fact("value", FactKind.MONEY, "s.amount"),
			new Fact("abc", FactKind.ABC, "s.abc")),

	/** Customers whose margin does not pay for the cost of serving them (§3.5). */
	COST_DRIVERS("cost-drivers", new Fact("tier", FactKind.TIER, "s.tier"),
			new Fact("revenue", FactKind.MONEY, "s.revenue"), new Fact("margin", FactKind.MONEY, "s.margin"),
			new Fact("contactCost", FactKind.MONEY, "s.contact_cost"),
			new Fact("netProfit", FactKind.MONEY, "s.net_profit")),

	/** This year's target companies of high or medium intention. */
	TARGETS("targets", new Fact("intention", FactKind.INTENTION, "t.intention"),
			new Fact("salesperson", FactKind.TEXT, "sp.display_name"),
			new Fact("targetedBy", FactKind.NUMBER, "t.targets"),
			new Fact("openPipeline", FactKind.MONEY, "t.open_amount")),

	/** VIP, Major or class A customers with repeated complaints last calendar year. */
	REPEATED_COMPLAINTS("repeated-complaints", new Fact("complaints", FactKind.NUMBER, "c.complaints"),
			new Fact("tier", FactKind.TIER, "s.tier"), new Fact("abc", FactKind.ABC, "s.abc")),

	/** Last year's ten biggest customers and whether they order as much this year. */
	BIGGEST_CUSTOMERS("biggest-customers", new Fact("rank", FactKind.NUMBER, "y.rank_no"),
			new Fact("lastYear", FactKind.MONEY, "y.last_year"),
			new Fact("lastYearToDate", FactKind.MONEY, "y.last_year_to_date"),
			new Fact("thisYearToDate", FactKind.MONEY, "y.this_year_to_date"),
			new Fact("change", FactKind.PERCENT,
					"case when y.last_year_to_date > 0 then cast(round((y.this_year_to_date - y.last_year_to_date)"
							+ " * 100 / y.last_year_to_date, 1) as numeric(10, 1)) end"),
			new Fact("asMuch", FactKind.YES_NO,
					"case when y.this_year_to_date >= y.last_year_to_date then 1 else 0 end")),

	/** Customers who bought from only one or two of our product lines in 12 months. */
	FEW_PRODUCT_LINES("few-product-lines", new Fact("productLines", FactKind.NUMBER, "l.product_lines"),
			new Fact("revenue", FactKind.MONEY, "l.revenue"), new Fact("annualSpend", FactKind.MONEY, "s.annual_spend"),
			new Fact("walletShare", FactKind.PERCENT,
					"case when s.annual_spend > 0 then cast(round(l.revenue * 100 / s.annual_spend, 1)"
							+ " as numeric(10, 1)) end")),

	/** Accounts whose next contact (the contact plan's due day, §10.2) has passed. */
	CONTACT_OVERDUE("contact-overdue", new Fact("tier", FactKind.TIER, "coalesce(d.tier, 'SMALL')"),
			new Fact("lastContact", FactKind.DATE, "cast(d.last_contact_at as date)"),
			new Fact("dueOn", FactKind.DATE, "d.due_on"),
			new Fact("daysOverdue", FactKind.NUMBER, "cast(cast(:questionToday as date) - d.due_on as integer)"));

	private final String code;

	private final List<Fact> facts;

	Question(String code, Fact... facts) {
		this.code = code;
		this.facts = List.of(facts);
	}

	/** The question's name in URLs and the API. */
	public String code() {
		return this.code;
	}

	public List<Fact> facts() {
		return this.facts;
	}

	public static Optional<Question> of(String code) {
		return Arrays.stream(values()).filter((question) -> question.code.equals(code)).findFirst();
	}

}
