package io.dakehu.accountplan;

import java.time.LocalDate;

import org.springframework.data.relational.core.mapping.Table;

/** A review of the plan: when, what it found, and who reviewed. */
@Table("account_plan_review")
record PlanReview(LocalDate reviewedOn, String note, long reviewerId) {
}
