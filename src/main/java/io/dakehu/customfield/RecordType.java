package io.dakehu.customfield;

/**
 * The kinds of record that carry custom fields.
 */
public enum RecordType {

	ACCOUNT, CONTACT, OPPORTUNITY

}
