package io.dakehu.approval.web;

import java.util.List;

import io.dakehu.approval.ApprovalLevel;
import io.dakehu.approval.ApprovalStateException;
import io.dakehu.approval.ApprovalStatus;
import io.dakehu.approval.ApprovalView;
import io.dakehu.approval.Approvals;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.web.Flash;
import io.dakehu.shared.web.Labels;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approvals pages: the inbox of managers and directors (pending and decided), the
 * reader's own requests, and one request with its decision form.
 */
@Controller
class ApprovalPages {

	private static final int ROWS = 200;

	private final Approvals approvals;

	private final Users users;

	private final Labels labels;

	ApprovalPages(Approvals approvals, Users users, Labels labels) {
		this.approvals = approvals;
		this.users = users;
		this.labels = labels;
	}

	/**
	 * @param box {@code inbox} or {@code mine}; a key account manager has only their own
	 * @param status {@code PENDING} (the default), {@code DECIDED} or {@code ALL}
	 */
	@GetMapping("/approvals")
	String list(@RequestParam(required = false) String box, @RequestParam(defaultValue = "PENDING") String status,
			Model model) {
		CurrentUser me = this.users.current();
		boolean mine = !me.managesOthers() || "mine".equals(box);
		ApprovalStatus wanted = "PENDING".equals(status) ? ApprovalStatus.PENDING : null;
		List<ApprovalView> found = mine ? this.approvals.mine(me, wanted, ROWS)
				: this.approvals.inbox(me, wanted, ROWS);
		if ("DECIDED".equals(status)) {
			found = found.stream().filter((a) -> a.status() != ApprovalStatus.PENDING).toList();
		}
		model.addAttribute("approvals", found);
		model.addAttribute("box", mine ? "mine" : "inbox");
		model.addAttribute("status", status);
		model.addAttribute("canDecide", me.managesOthers());
		return "approval/list";
	}

	@GetMapping("/approvals/{id}")
	String show(@PathVariable long id, Model model) {
		CurrentUser me = this.users.current();
		ApprovalView approval = this.approvals.get(me, id);
		model.addAttribute("a", approval);
		// The form only where a decision would be taken: above the threshold, a
		// director's.
		boolean entitled = (approval.level() == ApprovalLevel.DIRECTOR) ? me.role().seesEverything()
				: me.managesOthers();
		model.addAttribute("canDecide",
				approval.status() == ApprovalStatus.PENDING && entitled && !me.username().equals(approval.requester()));
		return "approval/show";
	}

	@PostMapping("/approvals/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String comment, RedirectAttributes redirect) {
		return decide(id, redirect, true, version, comment);
	}

	@PostMapping("/approvals/{id}/reject")
	String reject(@PathVariable long id, @RequestParam(required = false) Integer version,
			@RequestParam(required = false) String comment, RedirectAttributes redirect) {
		return decide(id, redirect, false, version, comment);
	}

	private String decide(long id, RedirectAttributes redirect, boolean approve, Integer version, String comment) {
		CurrentUser me = this.users.current();
		try {
			if (approve) {
				this.approvals.approve(me, id, version, comment);
				Flash.success(redirect, "approval.approved");
			}
			else {
				this.approvals.reject(me, id, version, comment);
				Flash.success(redirect, "approval.rejected");
			}
		}
		catch (RuleViolationException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.field(ex.field()) + ": " + this.labels.get(ex.messageKey(), ex.args()));
		}
		catch (StaleEditException ex) {
			Flash.error(redirect, "error.stale");
		}
		catch (ApprovalStateException ex) {
			redirect.addFlashAttribute("problem",
					this.labels.get("approval.decided", this.labels.get("approval.status." + ex.status().name())));
		}
		catch (AccessDeniedException ex) {
			Flash.error(redirect, "approval.notYours");
		}
		return "redirect:/approvals/" + id;
	}

}
