package io.dakehu.service;

import java.util.List;

/**
 * A user's complaints to act on today, for the to-do list.
 *
 * @param due open or in progress, with a response or resolution due by the end of today
 * @param returnVisits resolved, with the return visit due by today
 */
public record ComplaintsToDo(List<ComplaintView> due, List<ComplaintView> returnVisits) {
}
