package io.dakehu.opportunity;

import java.util.List;
import java.util.Map;

import io.dakehu.customfield.CustomField;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The custom field values of opportunities (decision 0048), in the opportunity's
 * {@code custom_fields} column: checked by the custom fields module, written here beside
 * the opportunity's own columns in the same transaction, read with the opportunity for
 * pages, the API and exports, and filtered by in the pipeline list.
 */
@Component
public class OpportunityCustomFields {

	private final JdbcClient jdbc;

	private final CustomFields fields;

	OpportunityCustomFields(JdbcClient jdbc, CustomFields fields) {
		this.jdbc = jdbc;
		this.fields = fields;
	}

	/** The active custom fields of opportunities, for forms, lists and imports. */
	public List<CustomField> active() {
		return this.fields.active(RecordType.OPPORTUNITY);
	}

	/** The active custom fields as lists show them (see {@link CustomFields#shown}). */
	public List<CustomField> shown() {
		return this.fields.shown(RecordType.OPPORTUNITY);
	}

	/**
	 * Checks a row's values for a new opportunity against fields read once, as an import
	 * does before writing any.
	 * @return the values as stored
	 * @throws io.dakehu.shared.RuleViolationException naming the field refused
	 */
	public Map<String, Object> checkNew(List<CustomField> active, Map<String, ?> given) {
		return this.fields.checked(active, given, Map.of(), true);
	}

	/**
	 * What the list's filters by custom fields (value by key) add to its query; null when
	 * none applies.
	 */
	CustomFields.Filter filter(Map<String, String> wanted) {
		return this.fields.filter(RecordType.OPPORTUNITY, "o.custom_fields", wanted);
	}

	/**
	 * The values an opportunity will hold after an edit, checked; see
	 * {@link CustomFields#checked}.
	 * @param current its stored values; empty for a new one
	 */
	Map<String, Object> checked(Map<String, ?> given, Map<String, Object> current, boolean creating) {
		return this.fields.checked(RecordType.OPPORTUNITY, given, current, creating);
	}

	Map<String, Object> read(String stored) {
		return this.fields.read(stored);
	}

	/** The stored JSON of some values, null for none, for a batch insert. */
	String json(Map<String, Object> values) {
		return this.fields.json(values);
	}

	/**
	 * The SQL that writes a positional JSON parameter into the column (PostgreSQL's jsonb
	 * takes no text without a cast).
	 */
	String positionalParameter() {
		return this.fields.jsonParameter("values").replace(":values", "?");
	}

	void write(long opportunityId, Map<String, Object> values) {
		this.jdbc
			.sql("update opportunity set custom_fields = " + this.fields.jsonParameter("values") + " where id = :id")
			.param("values", this.fields.json(values))
			.param("id", opportunityId)
			.update();
	}

	/**
	 * The audited values of an opportunity with its custom fields beside the built-in
	 * ones, under {@code custom.<key>}.
	 */
	Map<String, Object> audited(Map<String, Object> builtIn, Map<String, Object> custom) {
		return this.fields.audited(builtIn, custom);
	}

}
