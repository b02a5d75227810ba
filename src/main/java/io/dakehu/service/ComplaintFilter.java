package io.dakehu.service;

/**
 * Which complaints a list shows; every part is optional.
 *
 * @param overdue only those past a due time, of the reader's own or team's owners
 * @param id one complaint
 */
public record ComplaintFilter(Long accountId, ComplaintStatus status, boolean overdue, Long id) {

	public static ComplaintFilter all() {
		return new ComplaintFilter(null, null, false, null);
	}

}
