package io.dakehu.contract;

import io.dakehu.shared.PageResult;

/**
 * A page of the aging report, largest total first, and what the whole report adds up to.
 */
public record AgingReport(PageResult<AgingRow> rows, Aging total) {
}
