package io.dakehu.dataimport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.dakehu.identity.RecordScope;
import io.dakehu.identity.UserSummary;

/**
 * Finds the user a sheet names, by username or by display name ("Moses Frase"), ignoring
 * case. Users are few compared with rows, so one import holds them all.
 */
final class People {

	private final Map<String, UserSummary> byUsername = new HashMap<>();

	private final Map<String, UserSummary> byName = new HashMap<>();

	private final Set<String> ambiguousNames = new HashSet<>();

	People(List<UserSummary> users) {
		for (UserSummary user : users) {
			add(user);
		}
	}

	void add(UserSummary user) {
		this.byUsername.put(key(user.username()), user);
		String name = key(user.displayName());
		if (this.byName.containsKey(name) && this.byName.get(name).id() != user.id()) {
			this.ambiguousNames.add(name);
		}
		this.byName.put(name, user);
	}

	/**
	 * The active user the text names, or null. Checks the row and rejects it when the
	 * user is unknown, ambiguous, inactive or outside the importer's scope.
	 */
	UserSummary require(Row row, String field, ImportContext context, RecordScope scope) {
		String text = row.get(field);
		if (text == null) {
			return null;
		}
		String key = key(text);
		UserSummary user = this.byUsername.get(key);
		if (user == null) {
			if (this.ambiguousNames.contains(key)) {
				context.reject(row, field, "import.ambiguousUser", null);
				return null;
			}
			user = this.byName.get(key);
		}
		if (user == null || !user.active()) {
			context.reject(row, field, "import.unknownUser", null);
			return null;
		}
		if (!scope.all() && !scope.ownerIds().contains(user.id())) {
			context.reject(row, field, "import.userOutsideScope", null);
			return null;
		}
		return user;
	}

	UserSummary find(String text) {
		if (text == null) {
			return null;
		}
		String key = key(text);
		UserSummary user = this.byUsername.get(key);
		return (user != null || this.ambiguousNames.contains(key)) ? user : this.byName.get(key);
	}

	private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

	static String key(String text) {
		return SPACES.matcher(text.strip().toLowerCase(Locale.ROOT)).replaceAll(" ");
	}

}
