package io.dakehu.approval;

import java.math.BigDecimal;

/**
 * What a module asks approval for.
 *
 * @param kind a stable code of the subject's kind, such as {@code loyalty-action}; the
 * module listens for decisions of this kind
 * @param id the subject's id in its module
 * @param accountId the account the subject belongs to, so the request's history shows on
 * the account; null when it has none
 * @param title how the approver recognises the subject, e.g. "Gift · Acme Ltd."
 * @param link the path of the subject's page
 * @param amount the money at stake, which decides the level
 * @param reason why the requester asks
 */
public record ApprovalSubject(String kind, long id, Long accountId, String title, String link, BigDecimal amount,
		String reason) {
}
