package io.dakehu.approval.web;

import java.util.List;

import io.dakehu.approval.ApprovalStateException;
import io.dakehu.approval.ApprovalStatus;
import io.dakehu.approval.ApprovalView;
import io.dakehu.approval.Approvals;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.web.Labels;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Approval requests over the API: the reader's inbox (what they may decide) or their own
 * requests, one request, and the decision. A stale version or a second decision answers
 * 409; a request that does not concern the reader reads as missing.
 */
@RestController
class ApprovalApi {

	private static final int MAX_ROWS = 500;

	private final Approvals approvals;

	private final Users users;

	private final Labels labels;

	ApprovalApi(Approvals approvals, Users users, Labels labels) {
		this.approvals = approvals;
		this.users = users;
		this.labels = labels;
	}

	/**
	 * @param box {@code inbox} (what the reader may decide; a manager's or director's
	 * default) or {@code mine} (the reader's own requests; a key account manager's)
	 */
	@GetMapping("/api/v1/approvals")
	List<ApprovalView> list(@RequestParam(required = false) ApprovalStatus status,
			@RequestParam(required = false) String box) {
		CurrentUser me = this.users.current();
		boolean mine = (box != null) ? "mine".equalsIgnoreCase(box.strip()) : !me.managesOthers();
		return mine ? this.approvals.mine(me, status, MAX_ROWS) : this.approvals.inbox(me, status, MAX_ROWS);
	}

	@GetMapping("/api/v1/approvals/{id}")
	ApprovalView get(@PathVariable long id) {
		return this.approvals.get(this.users.current(), id);
	}

	@PostMapping("/api/v1/approvals/{id}/approve")
	ApprovalView approve(@PathVariable long id, @RequestBody Decision body) {
		return this.approvals.approve(this.users.current(), id, body.version(), body.comment());
	}

	@PostMapping("/api/v1/approvals/{id}/reject")
	ApprovalView reject(@PathVariable long id, @RequestBody Decision body) {
		return this.approvals.reject(this.users.current(), id, body.version(), body.comment());
	}

	@ExceptionHandler(ApprovalStateException.class)
	ProblemDetail decided(ApprovalStateException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				this.labels.get("approval.decided", this.labels.get("approval.status." + ex.status().name())));
		problem.setTitle(this.labels.get("approval.decided.title"));
		problem.setProperty("approvalStatus", ex.status().name());
		return problem;
	}

	record Decision(Integer version, String comment) {
	}

}
