package io.dakehu.contact;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A contact as shown on the account page and in the API, with the values of its custom
 * fields by key.
 */
public record ContactView(long id, long accountId, String name, String title, String department, Long reportsToId,
		String reportsToName, String phone, String email, LocalDate birthday, String notes, int version,
		Map<String, Object> customFields) {

	/**
	 * A contact in the org chart with the people who report to them.
	 */
	public record Node(ContactView contact, List<Node> reports) {
	}

}
