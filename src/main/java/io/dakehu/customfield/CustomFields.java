package io.dakehu.customfield;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dakehu.identity.CurrentUser;
import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;
import io.dakehu.shared.audit.AuditTrail;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.jdbc.core.dialect.JdbcDialect;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;

/**
 * The custom fields of accounts, contacts and opportunities: administrators define and
 * change them (audited); the modules owning the records check values against them before
 * writing their {@code custom_fields} column, read that column through
 * {@link #read(String)}, and filter their lists with {@link #filter}. Values are one JSON
 * object per record keyed by the fields' keys (decision 0048). Only the methods that read
 * or write the definitions are transactional: the value helpers ({@link #read},
 * {@link #json}, ...) run in a list's row callback, where a transaction of their own
 * would borrow a second pooled connection per row (decision 0050), and {@link #filter}
 * reads the fields it remembers (decision 0062).
 */
@Service
public class CustomFields {

	private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

	private static final int MAX_LABEL = 100;

	private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final JsonMapper json;

	/**
	 * The reader of stored values, made once: each {@code readValue} with a type
	 * reference resolved the type and set up a reader again, for every row of every list.
	 */
	private final ObjectReader valuesReader;

	private final Clock clock;

	private final boolean postgres;

	/**
	 * The active fields by record type as the lists' filters and the pages read them, for
	 * ten seconds on this instance (as the list's menus, decision 0051): a list read them
	 * twice per request, two statements each, about a third of a filtered list's cost
	 * (decision 0062), and every list and record page once more to show them. Forgotten
	 * here when a field changes; see {@link #wanted} for another instance's changes.
	 */
	private final Cache<RecordType, List<CustomField>> remembered = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofSeconds(10))
		.build();

	CustomFields(JdbcClient jdbc, AuditTrail audit, JsonMapper json, Clock clock, JdbcDialect dialect) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.json = json;
		this.valuesReader = json.readerFor(VALUES);
		this.clock = clock;
		this.postgres = dialect instanceof JdbcPostgresDialect;
	}

	/** Every field of a record type, retired ones too, in the order they are shown. */
	@Transactional(readOnly = true)
	public List<CustomField> all(RecordType recordType) {
		return load("where f.record_type = :type", Map.of("type", recordType.name()));
	}

	/** The fields a record of this type is entered with and shows. */
	@Transactional(readOnly = true)
	public List<CustomField> active(RecordType recordType) {
		return all(recordType).stream().filter(CustomField::active).toList();
	}

	/**
	 * The active fields as a list or a record's page shows them: as remembered on this
	 * instance for up to ten seconds, so a field defined on another instance shows here
	 * within ten seconds. Forms and writes check against {@link #active}.
	 */
	public List<CustomField> shown(RecordType recordType) {
		return this.remembered.get(recordType, this::active);
	}

	@Transactional(readOnly = true)
	public CustomField find(long id) {
		return load("where f.id = :id", Map.of("id", id)).stream()
			.findFirst()
			.orElseThrow(() -> new NotFoundException("CustomField", id));
	}

	@Transactional
	public CustomField define(CurrentUser admin, CustomFieldInput input) {
		requireAdmin(admin);
		if (input.recordType() == null) {
			throw new RuleViolationException("recordType", "validation.required");
		}
		if (input.type() == null) {
			throw new RuleViolationException("type", "validation.required");
		}
		if (input.key() == null || !KEY.matcher(input.key().strip()).matches()) {
			throw new RuleViolationException("key", "customField.validation.key");
		}
		String key = input.key().strip();
		Integer taken = this.jdbc
			.sql("select count(*) from custom_field where record_type = :type and field_key = :key")
			.param("type", input.recordType().name())
			.param("key", key)
			.query(Integer.class)
			.single();
		if (taken > 0) {
			throw new RuleViolationException("key", "customField.validation.keyTaken", key);
		}
		Checked checked = check(input, input.type());
		LocalDateTime now = LocalDateTime.now(this.clock);
		Integer position = this.jdbc
			.sql("select coalesce(max(position), 0) + 1 from custom_field where record_type = :type")
			.param("type", input.recordType().name())
			.query(Integer.class)
			.single();
		this.jdbc.sql("""
				insert into custom_field (record_type, field_key, label_zh, label_en, field_type, min_number,
				    max_number, required, active, position, created_at, updated_at, version)
				values (:recordType, :key, :zh, :en, :type, :min, :max, :required, :active, :position, :now, :now, 0)
				""")
			.param("recordType", input.recordType().name())
			.param("key", key)
			.param("zh", checked.labelZh())
			.param("en", checked.labelEn())
			.param("type", input.type().name())
			.param("min", checked.min())
			.param("max", checked.max())
			.param("required", Boolean.TRUE.equals(input.required()))
			.param("active", !Boolean.FALSE.equals(input.active()))
			.param("position", position)
			.param("now", now)
			.update();
		long id = idOf(input.recordType(), key);
		writeOptions(id, checked.options());
		CustomField created = find(id);
		this.audit.created("CustomField", id, null, auditValues(created));
		forgetRemembered();
		return created;
	}

	/**
	 * Changes a field's labels, options, limits, whether it is required and whether it is
	 * active. Its record type, key and type stay: the values stored under the key were
	 * checked against the type.
	 */
	@Transactional
	public CustomField change(CurrentUser admin, long id, CustomFieldInput input) {
		requireAdmin(admin);
		CustomField current = find(id);
		if (input.version() == null) {
			throw new RuleViolationException("version", "validation.versionRequired");
		}
		StaleEditException.check("CustomField", id, input.version(), current.version());
		if ((input.recordType() != null && input.recordType() != current.recordType())
				|| (input.key() != null && !input.key().strip().equals(current.key()))
				|| (input.type() != null && input.type() != current.type())) {
			throw new RuleViolationException("key", "customField.validation.fixed");
		}
		Checked checked = check(input, current.type());
		this.jdbc.sql("""
				update custom_field set label_zh = :zh, label_en = :en, min_number = :min, max_number = :max,
				    required = :required, active = :active, updated_at = :now, version = version + 1
				where id = :id""")
			.param("zh", checked.labelZh())
			.param("en", checked.labelEn())
			.param("min", checked.min())
			.param("max", checked.max())
			.param("required", (input.required() != null) ? input.required() : current.required())
			.param("active", (input.active() != null) ? input.active() : current.active())
			.param("now", LocalDateTime.now(this.clock))
			.param("id", id)
			.update();
		this.jdbc.sql("delete from custom_field_option where custom_field_id = :id").param("id", id).update();
		writeOptions(id, checked.options());
		CustomField changed = find(id);
		this.audit.changed("CustomField", id, null, auditValues(current), auditValues(changed));
		forgetRemembered();
		return changed;
	}

	/**
	 * The custom fields of a record after an edit, checked against the active fields.
	 * @param given the values the caller sent, by key; a key absent keeps its value, an
	 * empty value removes it; null leaves them all as they are
	 * @param current the record's stored values, empty for a new record
	 * @param creating a new record: its required fields must be given even when
	 * {@code given} is null
	 * @throws RuleViolationException naming the first field refused, by its label in the
	 * caller's language: an unknown key, a value the type does not hold, a missing
	 * required value
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> checked(RecordType recordType, Map<String, ?> given, Map<String, Object> current,
			boolean creating) {
		return checked(active(recordType), given, current, creating);
	}

	/**
	 * As {@link #checked(RecordType, Map, Map, boolean)} with the fields read once, for
	 * imports.
	 */
	public Map<String, Object> checked(List<CustomField> fields, Map<String, ?> given, Map<String, Object> current,
			boolean creating) {
		Locale locale = LocaleContextHolder.getLocale();
		Map<String, CustomField> byKey = fields.stream()
			.collect(Collectors.toMap(CustomField::key, (field) -> field, (a, b) -> a, LinkedHashMap::new));
		Map<String, Object> values = new LinkedHashMap<>((current != null) ? current : Map.of());
		if (given != null) {
			for (String key : given.keySet()) {
				if (!byKey.containsKey(key)) {
					throw new RuleViolationException("customFields." + key, "customField.validation.unknownField", key)
						.labelled(key);
				}
			}
			for (CustomField field : byKey.values()) {
				if (given.containsKey(field.key())) {
					Object value = field.check(given.get(field.key()), locale);
					if (value == null) {
						values.remove(field.key());
					}
					else {
						values.put(field.key(), value);
					}
				}
			}
		}
		if (given != null || creating) {
			for (CustomField field : byKey.values()) {
				if (field.required() && !values.containsKey(field.key())) {
					throw new RuleViolationException(field.errorField(), "customField.validation.required",
							field.label(locale))
						.labelled(field.label(locale));
				}
			}
		}
		return values;
	}

	/**
	 * The values a form sent: each active field's parameter {@code customFields.<key>},
	 * several for a multiple choice. A field the form shows but sent nothing for is
	 * emptied, as an unticked box is.
	 */
	@Transactional(readOnly = true)
	public Map<String, Object> fromForm(RecordType recordType, Map<String, String[]> parameters) {
		Map<String, Object> given = new LinkedHashMap<>();
		for (CustomField field : active(recordType)) {
			String[] sent = parameters.get(field.errorField());
			if (field.type() == FieldType.MULTI_CHOICE) {
				given.put(field.key(), (sent != null) ? List.of(sent) : List.of());
			}
			else {
				given.put(field.key(), (sent != null && sent.length > 0) ? sent[0] : null);
			}
		}
		return given;
	}

	/** The stored JSON of some values; null when there are none. */
	public String json(Map<String, Object> values) {
		return (values == null || values.isEmpty()) ? null : this.json.writeValueAsString(values);
	}

	/** The values a record's {@code custom_fields} column holds; empty for none. */
	// Pure: runs in the caller's transaction if there is one and opens none itself. A
	// list reads each row's values inside the row callback of a query that holds a pooled
	// connection; a transaction of its own would borrow a second one per request, and
	// fifty concurrent lists starved the pool of ten (3 s waits, 503s, issue #17).
	public Map<String, Object> read(String stored) {
		if (!StringUtils.hasText(stored)) {
			return new LinkedHashMap<>();
		}
		Map<String, Object> values = this.valuesReader.readValue(stored);
		values.replaceAll((key, value) -> (value instanceof Number number) ? new BigDecimal(number.toString()) : value);
		return values;
	}

	/**
	 * The SQL that writes a JSON parameter into a {@code custom_fields} column:
	 * PostgreSQL stores it as jsonb, which takes no text without a cast.
	 */
	public String jsonParameter(String name) {
		return this.postgres ? "cast(:" + name + " as jsonb)" : ":" + name;
	}

	/**
	 * The history's entries for some values, under {@code custom.<key>} so the history
	 * reads them as the fields they are (see {@link CustomFieldAuditVocabulary}).
	 */
	public Map<String, Object> auditValues(Map<String, Object> values) {
		Map<String, Object> audited = new LinkedHashMap<>();
		values.forEach((key, value) -> audited.put("custom." + key, (value instanceof Collection<?> items)
				? items.stream().map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(value)));
		return audited;
	}

	/**
	 * A record's audited values with its custom values beside the built-in ones, under
	 * {@code custom.<key>}: what its owner hands the audit trail.
	 */
	public Map<String, Object> audited(Map<String, Object> builtIn, Map<String, Object> values) {
		if (values.isEmpty()) {
			return builtIn;
		}
		Map<String, Object> all = new LinkedHashMap<>(builtIn);
		all.putAll(auditValues(values));
		return all;
	}

	/**
	 * The active fields with a record's values as a person reads them, for a detail page.
	 */
	public List<Shown> shown(RecordType recordType, Map<String, Object> values, Locale locale) {
		List<Shown> shown = new ArrayList<>();
		for (CustomField field : shown(recordType)) {
			shown.add(new Shown(field.key(), field.label(locale), field.show(values.get(field.key()), locale)));
		}
		return shown;
	}

	/**
	 * A list's filters by custom fields as one SQL condition on the record's column, null
	 * when none applies. A value is matched whole (one of the options chosen, for a
	 * multiple choice); a key no active field has is ignored, and a value its field could
	 * not hold matches nothing.
	 * @param column the {@code custom_fields} column in the caller's query, like
	 * {@code a.custom_fields}
	 * @param wanted the filters, value by key
	 */
	public Filter filter(RecordType recordType, String column, Map<String, String> wanted) {
		if (wanted == null || wanted.isEmpty()) {
			return null;
		}
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new LinkedHashMap<>();
		List<Wanted> all = wanted(recordType, wanted);
		for (Wanted one : all) {
			CustomField field = one.field();
			Object value = one.value();
			if (value == null) {
				conditions.add("1 = 0");
				continue;
			}
			String name = "customFilter" + params.size();
			if (this.postgres) {
				conditions.add(column + " @> cast(:" + name + " as jsonb)");
				params.put(name, this.json.writeValueAsString(Map.of(field.key(), value)));
			}
			else if (value instanceof List<?> options) {
				conditions.add("regexp_like(" + column + ", :" + name + ")");
				params.put(name, "\"" + field.key() + "\":\\[[^\\]]*\"" + options.get(0) + "\"");
			}
			else {
				String pair = like(this.json.writeValueAsString(Map.of(field.key(), value)));
				String inner = pair.substring(1, pair.length() - 1);
				conditions.add("(" + column + " like :" + name + "a escape '\\' or " + column + " like :" + name
						+ "b escape '\\')");
				params.put(name + "a", "%" + inner + ",%");
				params.put(name + "b", "%" + inner + "}");
			}
		}
		if (conditions.isEmpty()) {
			return null;
		}
		Match single = null;
		if (all.size() == 1 && all.get(0).value() != null) {
			Object value = all.get(0).value();
			single = new Match(all.get(0).field().key(),
					this.json.writeValueAsString((value instanceof List<?> options) ? options.get(0) : value));
		}
		return new Filter(String.join(" and ", conditions), params, single);
	}

	/**
	 * The active fields a list is filtered by, each with the value asked for as its field
	 * stores it (one option in a list, for a multiple choice), or null when the field
	 * cannot hold it. Read from the fields remembered, and again from the database when a
	 * key is not among them or a value not one they hold: a field or an option added on
	 * another instance a moment ago then filters at once.
	 */
	private List<Wanted> wanted(RecordType recordType, Map<String, String> wanted) {
		List<Wanted> all = checkedAgainst(shown(recordType), wanted);
		long asked = wanted.values().stream().filter(StringUtils::hasText).count();
		if (all.size() < asked || all.stream().anyMatch((one) -> one.value() == null)) {
			List<CustomField> fresh = active(recordType);
			this.remembered.put(recordType, fresh);
			all = checkedAgainst(fresh, wanted);
		}
		return all;
	}

	private static List<Wanted> checkedAgainst(List<CustomField> fields, Map<String, String> wanted) {
		Locale locale = LocaleContextHolder.getLocale();
		List<Wanted> all = new ArrayList<>();
		for (CustomField field : fields) {
			String text = wanted.get(field.key());
			if (!StringUtils.hasText(text)) {
				continue;
			}
			Object value;
			try {
				value = field.check((field.type() == FieldType.MULTI_CHOICE) ? List.of(text) : text, locale);
			}
			catch (RuleViolationException ex) {
				value = null;
			}
			all.add(new Wanted(field, value));
		}
		return all;
	}

	private record Wanted(CustomField field, Object value) {
	}

	/**
	 * Forgets the fields remembered now and again once the change commits, so a list read
	 * in between does not remember them as they were.
	 */
	private void forgetRemembered() {
		this.remembered.invalidateAll();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					CustomFields.this.remembered.invalidateAll();
				}
			});
		}
	}

	private static String like(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	/**
	 * A condition for a list query and its parameters; with a single filter whose value
	 * the field can hold, that filter as a key and a value too, for a record type that
	 * keeps an index of its values (decision 0062).
	 */
	public record Filter(String condition, Map<String, Object> params, Match single) {
	}

	/**
	 * One custom field's value to match whole: the field's key and the value as a JSON
	 * scalar (a string, a number; one option of a multiple choice), which the database
	 * reads back as the stored value's text (on PostgreSQL {@code cast(json as jsonb) #>>
	 * '{}'}), whatever its type.
	 */
	public record Match(String key, String json) {
	}

	/**
	 * One field of a record on its page: its label and the value as read, null when
	 * empty.
	 */
	public record Shown(String key, String label, String text) {
	}

	private List<CustomField> load(String where, Map<String, Object> params) {
		Map<Long, List<CustomField.Option>> options = new LinkedHashMap<>();
		this.jdbc.sql("""
				select o.custom_field_id, o.option_key, o.label_zh, o.label_en
				from custom_field_option o join custom_field f on f.id = o.custom_field_id
				""" + " " + where + " order by o.custom_field_id, o.position").params(params).query((rs) -> {
			options.computeIfAbsent(rs.getLong(1), (id) -> new ArrayList<>())
				.add(new CustomField.Option(rs.getString(2), rs.getString(3), rs.getString(4)));
		});
		return this.jdbc.sql("""
				select f.id, f.record_type, f.field_key, f.label_zh, f.label_en, f.field_type, f.min_number,
				       f.max_number, f.required, f.active, f.position, f.version
				from custom_field f""" + " " + where + " order by f.position, f.id")
			.params(params)
			.query((rs, n) -> new CustomField(rs.getLong(1), RecordType.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), FieldType.valueOf(rs.getString(6)), rs.getBigDecimal(7),
					rs.getBigDecimal(8), rs.getBoolean(9), rs.getBoolean(10), rs.getInt(11), rs.getInt(12),
					List.copyOf(options.getOrDefault(rs.getLong(1), List.of()))))
			.list();
	}

	private long idOf(RecordType recordType, String key) {
		return this.jdbc.sql("select id from custom_field where record_type = :type and field_key = :key")
			.param("type", recordType.name())
			.param("key", key)
			.query(Long.class)
			.single();
	}

	private void writeOptions(long id, List<CustomField.Option> options) {
		for (int i = 0; i < options.size(); i++) {
			CustomField.Option option = options.get(i);
			this.jdbc.sql("""
					insert into custom_field_option (custom_field_id, position, option_key, label_zh, label_en)
					values (:id, :position, :key, :zh, :en)""")
				.param("id", id)
				.param("position", i)
				.param("key", option.key())
				.param("zh", option.labelZh())
				.param("en", option.labelEn())
				.update();
		}
	}

	/** The input's labels, limits and options, checked for a field of this type. */
	private static Checked check(CustomFieldInput input, FieldType type) {
		Map<String, String> labels = (input.labels() != null) ? input.labels() : Map.of();
		String zh = label(labels.get("zh"), "labels.zh");
		String en = label(labels.get("en"), "labels.en");
		BigDecimal min = (type == FieldType.NUMBER) ? input.min() : null;
		BigDecimal max = (type == FieldType.NUMBER) ? input.max() : null;
		if (min != null && max != null && min.compareTo(max) > 0) {
			throw new RuleViolationException("max", "customField.validation.minAboveMax");
		}
		List<CustomField.Option> options = new ArrayList<>();
		if (type.choice()) {
			Set<String> keys = new HashSet<>();
			List<CustomFieldInput.OptionInput> given = (input.options() != null) ? input.options() : List.of();
			for (int i = 0; i < given.size(); i++) {
				CustomFieldInput.OptionInput option = given.get(i);
				String field = "options[" + i + "]";
				if (option == null || option.key() == null || !KEY.matcher(option.key().strip()).matches()) {
					throw new RuleViolationException(field + ".key", "customField.validation.key");
				}
				if (!keys.add(option.key().strip())) {
					throw new RuleViolationException(field + ".key", "customField.validation.optionTaken",
							option.key().strip());
				}
				Map<String, String> optionLabels = (option.labels() != null) ? option.labels() : Map.of();
				options.add(new CustomField.Option(option.key().strip(),
						label(optionLabels.get("zh"), field + ".labels.zh"),
						label(optionLabels.get("en"), field + ".labels.en")));
			}
			if (options.isEmpty()) {
				throw new RuleViolationException("options", "customField.validation.noOptions");
			}
		}
		return new Checked(zh, en, min, max, options);
	}

	private static String label(String text, String field) {
		if (!StringUtils.hasText(text)) {
			throw new RuleViolationException(field, "validation.required");
		}
		if (text.strip().length() > MAX_LABEL) {
			throw new RuleViolationException(field, "customField.validation.labelTooLong", MAX_LABEL);
		}
		return text.strip();
	}

	private static Map<String, Object> auditValues(CustomField field) {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("recordType", field.recordType().name());
		values.put("key", field.key());
		values.put("type", field.type().name());
		values.put("labelZh", field.labelZh());
		values.put("labelEn", field.labelEn());
		values.put("min", (field.min() != null) ? field.min().stripTrailingZeros().toPlainString() : null);
		values.put("max", (field.max() != null) ? field.max().stripTrailingZeros().toPlainString() : null);
		values.put("required", field.required());
		values.put("active", field.active());
		values.put("options",
				field.options()
					.stream()
					.map((option) -> option.key() + "=" + option.labelZh() + "/" + option.labelEn())
					.collect(Collectors.joining(",")));
		return values;
	}

	private static void requireAdmin(CurrentUser admin) {
		if (!admin.isAdmin()) {
			throw new AccessDeniedException("Only administrators define custom fields");
		}
	}

	private record Checked(String labelZh, String labelEn, BigDecimal min, BigDecimal max,
			List<CustomField.Option> options) {
	}

}
