/**
 * One approval flow for everything that needs one (DOMAIN.md §10.6, decision 0041): a
 * request about another module's record (its kind and id, an amount and a reason) goes to
 * the requester's manager, and to a director when the amount is above the director
 * threshold; the approver approves or rejects it with a comment, once; the approver hears
 * of the request and the requester of the decision; the requests stay on the record.
 * <p>
 * The subject's module asks through {@link io.dakehu.approval.Approvals#request} and
 * follows the outcome by listening for {@link io.dakehu.approval.ApprovalDecided}, in the
 * transaction of the decision; this module knows nothing of the subjects.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = { "identity", "shared" })
package io.dakehu.approval;
