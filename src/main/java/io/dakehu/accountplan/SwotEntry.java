package io.dakehu.accountplan;

import org.springframework.data.relational.core.mapping.Table;

/** One entry of one SWOT list. */
@Table("account_plan_swot")
record SwotEntry(SwotQuadrant quadrant, String entry) {
}
