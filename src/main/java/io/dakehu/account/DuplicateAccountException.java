package io.dakehu.account;

import java.util.List;

/**
 * A new account would duplicate stored ones: the same name once folded
 * ({@link AccountNames#matchKey}) or the same registration id. The API answers 409 with
 * the matches, the form shows them with a link; creating anyway is a deliberate second
 * request ({@code force}), except over a registration id, which names one organisation.
 */
public class DuplicateAccountException extends RuntimeException {

	private final transient List<AccountMatch> matches;

	public DuplicateAccountException(List<AccountMatch> matches) {
		super("duplicate of " + matches);
		this.matches = List.copyOf(matches);
	}

	public List<AccountMatch> matches() {
		return this.matches;
	}

	/**
	 * Whether creating anyway is allowed: only when no match shares the registration id.
	 */
	public boolean forcible() {
		return this.matches.stream().noneMatch(AccountMatch::sameRegistrationId);
	}

	/**
	 * A stored account a new one matches.
	 *
	 * @param id null when the account lies outside the caller's scope: it is named as
	 * existing, but not offered
	 * @param name its name; null outside the caller's scope
	 * @param sameRegistrationId whether the registration id matched (else the name did)
	 */
	public record AccountMatch(Long id, String name, boolean sameRegistrationId) {
	}

}
