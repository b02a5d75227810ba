package io.dakehu.questions;

/**
 * What a fact behind an answer is, so a page, a file and the API show it alike: an amount
 * of money, a count, a percentage, a day, or a code with a label in the reader's
 * language.
 */
public enum FactKind {

	MONEY, NUMBER, PERCENT, DATE, TIER, ABC, INTENTION, TEXT, YES_NO

}
