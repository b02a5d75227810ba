package io.dakehu.activity;

/**
 * The kinds of contact with a customer the source texts name (DOMAIN.md §2).
 */
public enum ActivityType {

	VISIT, PHONE, MESSAGE, LETTER, GIFT, INFORMATION, HOSTING, GREETING, MEETING

}
