package io.dakehu.accountplan;

import java.util.Optional;

import io.dakehu.identity.RecordScope;

/**
 * A kind of record a plan's action may stand for, such as an opportunity: the extension
 * point through which a module that keeps actions of its own (loyalty actions, say) lets
 * a plan link them. Each kind is a bean; the plan stores the kind and the record's id,
 * checks the link when it is made and shows the record's title and page.
 */
public interface PlanActionLink {

	/** The kind as stored and sent over the API, such as {@code opportunity}. */
	String kind();

	/**
	 * The linked record as the reader may see it; empty when it does not exist or lies
	 * outside the reader's scope.
	 */
	Optional<Linked> find(RecordScope scope, long id);

	/** The record's page. */
	String href(long id);

	/**
	 * A linked record as a plan shows it.
	 *
	 * @param accountId the account it concerns, null when none; a plan links only records
	 * of its account's group
	 */
	record Linked(String title, Long accountId) {
	}

}
