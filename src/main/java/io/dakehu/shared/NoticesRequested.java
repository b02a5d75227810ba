package io.dakehu.shared;

import java.util.List;

/**
 * Many notices found by one run (a nightly job warning every owner of an account about to
 * return to the pool), delivered together after the run's transaction commits: in one
 * transaction with one batch of inserts, where a {@link NoticeRequested} each would cost
 * a transaction and several round trips per notice.
 *
 * @param notices the notices, each as it would be published alone
 */
public record NoticesRequested(List<NoticeRequested> notices) {

	public NoticesRequested {
		notices = List.copyOf(notices);
	}

}
