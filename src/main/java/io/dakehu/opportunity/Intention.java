package io.dakehu.opportunity;

/**
 * How likely a target company is to buy (高/中/低意向, DOMAIN.md §9).
 */
public enum Intention {

	HIGH, MEDIUM, LOW

}
