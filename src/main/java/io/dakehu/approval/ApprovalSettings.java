package io.dakehu.approval;

import java.math.BigDecimal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The threshold above which a request needs a director rather than a manager, set by the
 * administrator in {@code dakehu.approval.director-above} (a sum in yuan; 50,000 unless
 * set). A request exactly at the threshold stays with the manager.
 */
@Component
class ApprovalSettings {

	private final BigDecimal directorAbove;

	ApprovalSettings(@Value("${dakehu.approval.director-above:50000}") BigDecimal directorAbove) {
		this.directorAbove = directorAbove;
	}

	BigDecimal directorAbove() {
		return this.directorAbove;
	}

	ApprovalLevel levelFor(BigDecimal amount) {
		return (amount.compareTo(this.directorAbove) > 0) ? ApprovalLevel.DIRECTOR : ApprovalLevel.MANAGER;
	}

}
