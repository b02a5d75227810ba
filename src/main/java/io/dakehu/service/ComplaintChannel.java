package io.dakehu.service;

/** How a complaint reached us (DOMAIN.md §10.3). */
public enum ComplaintChannel {

	PHONE, VISIT, EMAIL, MESSAGE, LETTER

}
