package io.dakehu.shared;

import java.util.List;

/**
 * Something people should hear about: a complaint assigned to them, a VIP overdue for a
 * contact, a credit grade that fell, an account about to return to the pool. Any module
 * publishes it inside the transaction that made the fact true; the notification module
 * delivers it only after that transaction commits (in-app, and by e-mail where configured
 * and not opted out), so a rolled-back change tells nobody.
 * <p>
 * The text is kept as a message code and its arguments, not as rendered words, so each
 * recipient reads it in their own language.
 *
 * @param recipients the users to tell, by id
 * @param copyManagers whether the recipients' managers are told as well (the notification
 * module resolves them, so publishers need not know the team structure)
 * @param kind a stable code such as {@code complaint.assigned}, for opt-outs and filters
 * @param messageCode the message key of the text, e.g. {@code notice.complaint.assigned}
 * @param arguments the message's arguments, already formatted as text
 * @param link the path inside Dakehu the notice opens, e.g. {@code /complaints/42}
 * @param dedupKey identifies the fact, so a fact published twice (two nodes, a rerun)
 * reaches each recipient once; null when every publication is news
 */
public record NoticeRequested(List<Long> recipients, boolean copyManagers, String kind, String messageCode,
		List<String> arguments, String link, String dedupKey) {

	public NoticeRequested {
		recipients = List.copyOf(recipients);
		arguments = List.copyOf(arguments);
	}

}
