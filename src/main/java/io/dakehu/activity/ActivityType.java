package io.dakehu.activity;

import java.util.Arrays;
import java.util.List;

/**
 * The kinds of contact with a customer the source texts name (DOMAIN.md §2).
 */
public enum ActivityType {

	VISIT, PHONE, MESSAGE, LETTER, GIFT, INFORMATION, HOSTING, GREETING, MEETING;

	/**
	 * Whether the activity counts as contact with the customer for the contact plan
	 * (DOMAIN.md §10.2). Every type today does; a type added later that is not a contact
	 * (an internal note, say) answers false here, and the plan's last contact skips it.
	 * The switch has no default, so a new type does not compile until it is placed.
	 */
	public boolean contact() {
		return switch (this) {
			case VISIT, PHONE, MESSAGE, LETTER, GIFT, INFORMATION, HOSTING, GREETING, MEETING -> true;
		};
	}

	/** The codes of the types that count as contact, as stored. */
	public static List<String> contactCodes() {
		return Arrays.stream(values()).filter(ActivityType::contact).map(Enum::name).toList();
	}

}
