package io.dakehu.identity;

import java.util.Set;

/**
 * Which records a user may see: everything, or the records owned by one of
 * {@code ownerIds} (plus, decided by the module that owns the record, those shared with
 * {@code userId}). Queries apply it in SQL, never after loading.
 */
public record RecordScope(long userId, boolean all, Set<Long> ownerIds) {

	public RecordScope {
		ownerIds = Set.copyOf(ownerIds);
	}

	public static RecordScope everything(long userId) {
		return new RecordScope(userId, true, Set.of());
	}

}
