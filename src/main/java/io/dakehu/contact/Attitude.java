package io.dakehu.contact;

/**
 * How a person in the buying center stands towards us, from most to least favourable.
 */
public enum Attitude {

	CHAMPION, SUPPORTER, NEUTRAL, OPPONENT

}
