package io.dakehu.customfield;

/**
 * What a custom field holds, which decides its input, its checks and how a list filters
 * by it.
 */
public enum FieldType {

	TEXT, NUMBER, DATE, SINGLE_CHOICE, MULTI_CHOICE;

	public boolean choice() {
		return this == SINGLE_CHOICE || this == MULTI_CHOICE;
	}

}
