package io.dakehu.service;

import java.util.List;

/**
 * A user's complaints to act on today, for the to-do list.
 *
 * @param due open (not answered yet), or in progress with the resolution due by the end
 * of today
 * @param returnVisits resolved, with the return visit due by today
 */
public record ComplaintsToDo(List<ComplaintView> due, List<ComplaintView> returnVisits) {
}
