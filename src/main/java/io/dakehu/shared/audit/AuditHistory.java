package io.dakehu.shared.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The audit trail as a person reads it: saves grouped as {@link AuditChange} does, each
 * naming the record it changed, every field labelled, codes as their labels and ids as
 * the names of the records they point to, in the reader's language. What each module's
 * fields mean comes from its {@link AuditVocabulary}; the names are looked up once per
 * kind for the whole history.
 */
@Service
public class AuditHistory {

	private final MessageSource messages;

	private final List<AuditVocabulary> vocabularies;

	AuditHistory(MessageSource messages, ObjectProvider<AuditVocabulary> vocabularies) {
		this.messages = messages;
		this.vocabularies = vocabularies.orderedStream().toList();
	}

	/**
	 * The entries, newest first as {@link AuditTrail} reads them, as the history shows
	 * them.
	 */
	public List<AuditLine> render(List<AuditEntry> entries, Locale locale) {
		List<AuditChange> changes = AuditChange.group(entries);
		Map<String, Set<Long>> wanted = new HashMap<>();
		for (AuditChange change : changes) {
			String titleKind = titleKind(change.entityType());
			if (titleKind != null) {
				wanted.computeIfAbsent(titleKind, (k) -> new HashSet<>()).add(change.entityId());
			}
			for (AuditEntry entry : change.fields()) {
				AuditField field = field(change.entityType(), entry.field());
				if (field != null && field.kind() != null) {
					Set<Long> ids = wanted.computeIfAbsent(field.kind(), (k) -> new HashSet<>());
					ids.addAll(ids(entry.oldValue()));
					ids.addAll(ids(entry.newValue()));
				}
			}
		}
		Map<String, Map<Long, String>> names = new HashMap<>();
		wanted.forEach((kind, ids) -> names.put(kind, names(kind, ids)));
		List<AuditLine> lines = new ArrayList<>(changes.size());
		for (AuditChange change : changes) {
			String titleKind = titleKind(change.entityType());
			String title = (titleKind != null) ? names.get(titleKind).get(change.entityId()) : null;
			List<AuditLine.Field> fields = new ArrayList<>();
			for (AuditEntry entry : change.fields()) {
				if (entry.field() == null) {
					continue;
				}
				AuditField field = field(change.entityType(), entry.field());
				fields.add(new AuditLine.Field(fieldLabel(change.entityType(), entry.field(), locale),
						show(change.entityType(), entry.field(), entry.oldValue(), field, names, locale),
						show(change.entityType(), entry.field(), entry.newValue(), field, names, locale)));
			}
			lines.add(new AuditLine(change.occurredAt(), change.actor(), change.action(),
					message("audit.action." + change.action(), change.action(), locale),
					message("audit.entity." + change.entityType(), change.entityType(), locale), title, fields));
		}
		return lines;
	}

	private String show(String entityType, String fieldName, String stored, AuditField field,
			Map<String, Map<Long, String>> names, Locale locale) {
		if (stored == null) {
			return null;
		}
		for (AuditVocabulary vocabulary : this.vocabularies) {
			String label = vocabulary.valueLabel(entityType, fieldName, stored, locale);
			if (label != null) {
				return label;
			}
		}
		if (field == null) {
			return switch (stored) {
				case "true" -> message("audit.value.true", stored, locale);
				case "false" -> message("audit.value.false", stored, locale);
				default -> stored;
			};
		}
		List<String> items = items(stored);
		if (items.isEmpty()) {
			return null;
		}
		List<String> shown = new ArrayList<>(items.size());
		for (String item : items) {
			if (field.kind() != null) {
				Long id = id(item);
				String name = (id != null) ? names.getOrDefault(field.kind(), Map.of()).get(id) : null;
				shown.add((name != null) ? name : message("audit.value.missing", "#" + item, locale, item));
			}
			else {
				shown.add(message(field.labelPrefix() + item, item, locale));
			}
		}
		return String.join(message("audit.value.separator", ", ", locale), shown);
	}

	private AuditField field(String entityType, String field) {
		if (field == null) {
			return null;
		}
		for (AuditVocabulary vocabulary : this.vocabularies) {
			AuditField known = vocabulary.field(entityType, field);
			if (known != null) {
				return known;
			}
		}
		return null;
	}

	private String fieldLabel(String entityType, String field, Locale locale) {
		for (AuditVocabulary vocabulary : this.vocabularies) {
			String label = vocabulary.fieldLabel(entityType, field, locale);
			if (label != null) {
				return label;
			}
		}
		return message("field." + field, field, locale);
	}

	private String titleKind(String entityType) {
		for (AuditVocabulary vocabulary : this.vocabularies) {
			String kind = vocabulary.titleKind(entityType);
			if (kind != null) {
				return kind;
			}
		}
		return null;
	}

	private Map<Long, String> names(String kind, Collection<Long> ids) {
		Map<Long, String> names = new HashMap<>();
		if (!ids.isEmpty()) {
			for (AuditVocabulary vocabulary : this.vocabularies) {
				names.putAll(vocabulary.names(kind, ids));
			}
		}
		return names;
	}

	private String message(String key, String fallback, Locale locale, Object... args) {
		return this.messages.getMessage(key, args, fallback, locale);
	}

	/** The items of a stored value: {@code [1, 2]}, {@code A,B} or a single one. */
	static List<String> items(String stored) {
		String text = stored.strip();
		if (text.startsWith("[") && text.endsWith("]")) {
			text = text.substring(1, text.length() - 1);
		}
		return Arrays.stream(text.split(",")).map(String::strip).filter((item) -> !item.isEmpty()).toList();
	}

	private static Set<Long> ids(String stored) {
		Set<Long> ids = new HashSet<>();
		if (stored != null) {
			for (String item : items(stored)) {
				Long id = id(item);
				if (id != null) {
					ids.add(id);
				}
			}
		}
		return ids;
	}

	private static Long id(String item) {
		try {
			return Long.valueOf(item);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
