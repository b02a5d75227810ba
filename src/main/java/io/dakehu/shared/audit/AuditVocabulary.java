package io.dakehu.shared.audit;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * What one module tells the history about the records it audits, so the history shows
 * names and labels instead of ids and codes without the shared module knowing any other
 * module: how its fields read, the names of its records, and which name titles a change.
 */
public interface AuditVocabulary {

	/**
	 * How a field of one of this module's entity types reads; null when this module does
	 * not audit it or it reads as written.
	 */
	AuditField field(String entityType, String field);

	/**
	 * The names of this module's records of a kind, by id; empty when the kind is not
	 * this module's. Records deleted since are absent.
	 */
	Map<Long, String> names(String kind, Collection<Long> ids);

	/**
	 * The kind of record whose name says which record a change of this entity type was
	 * about ({@code Opportunity} → {@code opportunity}); null when not this module's type
	 * or its records have no name.
	 */
	String titleKind(String entityType);

	/**
	 * The label of a field whose name the message files cannot know, such as a custom
	 * field an administrator added; null to read it from the message files as
	 * {@code field.<name>}.
	 */
	default String fieldLabel(String entityType, String field, Locale locale) {
		return null;
	}

	/**
	 * A stored value as the reader reads it when the message files cannot know its codes,
	 * such as the options of a custom field an administrator added; null to show it as
	 * {@link #field} says.
	 */
	default String valueLabel(String entityType, String field, String stored, Locale locale) {
		return null;
	}

}
