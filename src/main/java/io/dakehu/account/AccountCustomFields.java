package io.dakehu.account;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.customfield.CustomField;
import io.dakehu.customfield.CustomFields;
import io.dakehu.customfield.RecordType;

import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The custom field values of accounts (decision 0048), in the account's
 * {@code custom_fields} column: checked by the custom fields module, written here beside
 * the aggregate's save in the same transaction, read for pages, the API and exports, and
 * filtered by in the account list.
 */
@Component
public class AccountCustomFields {

	/**
	 * The longest value the index of custom values holds (V176: a B-tree entry holds
	 * about 2,700 bytes, the name key beside it up to 800).
	 */
	private static final int INDEXED_BYTES = 600;

	private final JdbcClient jdbc;

	private final CustomFields fields;

	private final NamedParameterJdbcOperations batches;

	private final boolean postgres;

	AccountCustomFields(JdbcClient jdbc, NamedParameterJdbcOperations batches, CustomFields fields,
			JdbcDialect dialect) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.fields = fields;
		this.postgres = dialect instanceof JdbcPostgresDialect;
	}

	/**
	 * Values as the column stores them, by key; empty for none. For a query that reads
	 * the column beside its own, such as the account list's page.
	 */
	Map<String, Object> read(String stored) {
		return this.fields.read(stored);
	}

	/** An account's values, by key; empty when it has none. */
	public Map<String, Object> of(long accountId) {
		return this.jdbc.sql("select custom_fields from account where id = :id")
			.param("id", accountId)
			.query((rs, n) -> this.fields.read(rs.getString(1)))
			.optional()
			.orElseGet(LinkedHashMap::new);
	}

	/** Some accounts' values, by account id; an account without values is absent. */
	public Map<Long, Map<String, Object>> of(Collection<Long> accountIds) {
		Map<Long, Map<String, Object>> values = new HashMap<>();
		if (accountIds.isEmpty()) {
			return values;
		}
		this.jdbc.sql("select id, custom_fields from account where id in (:ids) and custom_fields is not null")
			.param("ids", accountIds)
			.query((rs) -> {
				values.put(rs.getLong(1), this.fields.read(rs.getString(2)));
			});
		return values;
	}

	/**
	 * The list's filters by custom fields (value by key) as a condition on the account
	 * list's query; null when none applies.
	 */
	public AccountScopeSql filter(Map<String, String> wanted) {
		Filters filters = filters(wanted);
		return (filters != null) ? filters.accounts() : null;
	}

	/**
	 * The list's filters by custom fields as a condition on the accounts and, where the
	 * database keeps an index of the values (PostgreSQL, decision 0062) and one field
	 * alone filters, as a condition on that index, {@code account_custom_value v} or
	 * {@code account_custom_tally v}; null when no filter applies.
	 */
	Filters filters(Map<String, String> wanted) {
		CustomFields.Filter filter = this.fields.filter(RecordType.ACCOUNT, "a.custom_fields", wanted);
		if (filter == null) {
			return null;
		}
		AccountScopeSql accounts = new AccountScopeSql(filter.condition(), filter.params());
		CustomFields.Match match = filter.single();
		if (!this.postgres || match == null || match.json().getBytes(StandardCharsets.UTF_8).length > INDEXED_BYTES) {
			return new Filters(accounts, null);
		}
		return new Filters(accounts,
				new AccountScopeSql("v.field_key = :customKey and v.value = (cast(:customValue as jsonb) #>> '{}')",
						Map.of("customKey", match.key(), "customValue", match.json())));
	}

	/**
	 * A list's filters by custom fields on the accounts, and on the index of values when
	 * it can serve them (else null).
	 */
	record Filters(AccountScopeSql accounts, AccountScopeSql indexed) {
	}

	/** The active custom fields of accounts, for forms, lists and imports. */
	public List<CustomField> active() {
		return this.fields.active(RecordType.ACCOUNT);
	}

	/** The active custom fields as lists show them (see {@link CustomFields#shown}). */
	public List<CustomField> shown() {
		return this.fields.shown(RecordType.ACCOUNT);
	}

	/**
	 * The values an account will hold after an edit, checked; see
	 * {@link CustomFields#checked}.
	 */
	Map<String, Object> checked(AccountInput input, Long accountId) {
		Map<String, Object> current = (accountId != null) ? of(accountId) : Map.of();
		return this.fields.checked(RecordType.ACCOUNT, input.customFields(), current, accountId == null);
	}

	/**
	 * Checks values for a new account (null id) or a stored one against fields read
	 * before, as an import does for each row before writing any.
	 * @throws io.dakehu.shared.RuleViolationException naming the field refused
	 */
	public void check(List<CustomField> active, Map<String, ?> given, Long accountId) {
		Map<String, Object> current = (accountId != null) ? of(accountId) : Map.of();
		this.fields.checked(active, given, current, accountId == null);
	}

	/** The values of new accounts, checked against the fields read once. */
	List<Map<String, Object>> checkedAll(List<AccountInput> inputs) {
		List<CustomField> active = active();
		List<Map<String, Object>> checked = new ArrayList<>(inputs.size());
		for (AccountInput input : inputs) {
			checked.add(active.isEmpty() && input.customFields() == null ? Map.of()
					: this.fields.checked(active, input.customFields(), Map.of(), true));
		}
		return checked;
	}

	/** Writes new accounts' values in one batch, leaving those without values alone. */
	void writeAll(List<Long> accountIds, List<Map<String, Object>> values) {
		List<SqlParameterSource> batch = new ArrayList<>();
		for (int i = 0; i < accountIds.size(); i++) {
			if (!values.get(i).isEmpty()) {
				batch.add(new MapSqlParameterSource("id", accountIds.get(i)).addValue("values",
						this.fields.json(values.get(i))));
			}
		}
		if (!batch.isEmpty()) {
			this.batches.batchUpdate(
					"update account set custom_fields = " + this.fields.jsonParameter("values") + " where id = :id",
					batch.toArray(SqlParameterSource[]::new));
		}
	}

	void write(long accountId, Map<String, Object> values) {
		this.jdbc.sql("update account set custom_fields = " + this.fields.jsonParameter("values") + " where id = :id")
			.param("values", this.fields.json(values))
			.param("id", accountId)
			.update();
	}

	/**
	 * The audited values of an account with its custom fields beside the built-in ones.
	 */
	Map<String, Object> audited(Map<String, Object> builtIn, Map<String, Object> custom) {
		return this.fields.audited(builtIn, custom);
	}

}
