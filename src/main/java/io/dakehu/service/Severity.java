package io.dakehu.service;

/** How much a complaint hurts the customer, lowest first. */
public enum Severity {

	LOW, MEDIUM, HIGH, CRITICAL

}
