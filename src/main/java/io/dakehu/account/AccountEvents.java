package io.dakehu.account;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.dakehu.shared.outbound.EventType;
import io.dakehu.shared.outbound.RecordEvent;
import io.dakehu.shared.outbound.RecordEvents;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The account's business events for other systems (decision 0047), told from the same
 * before and after values its audit entries are: opened, changed, archived, merged, given
 * another owner, returned to the pool, claimed. Published inside the writing transaction.
 */
@Component
class AccountEvents {

	private final ApplicationEventPublisher publisher;

	AccountEvents(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	void created(Account account) {
		publish(EventType.ACCOUNT_CREATED, account.id(), account.auditValues());
	}

	/**
	 * An edit, archiving or restoring: the owner's move and the archiving are events of
	 * their own; every other changed field goes in one {@code account.changed} with its
	 * values before and after.
	 */
	void changed(long id, Map<String, Object> before, Map<String, Object> after) {
		Object previousOwner = before.get("ownerId");
		Object owner = after.get("ownerId");
		if (!Objects.equals(previousOwner, owner)) {
			publish(EventType.ACCOUNT_OWNER_CHANGED, id, owners(previousOwner, owner));
		}
		boolean archived = Boolean.TRUE.equals(after.get("archived")) && !Boolean.TRUE.equals(before.get("archived"));
		if (archived) {
			publish(EventType.ACCOUNT_ARCHIVED, id, Map.of("name", String.valueOf(after.get("name"))));
		}
		Map<String, Object> changes = new LinkedHashMap<>();
		after.forEach((field, value) -> {
			boolean own = field.equals("ownerId") || (archived && field.equals("archived"));
			if (!own && !Objects.equals(before.get(field), value)) {
				Map<String, Object> change = new LinkedHashMap<>();
				change.put("from", before.get(field));
				change.put("to", value);
				changes.put(field, change);
			}
		});
		if (!changes.isEmpty()) {
			publish(EventType.ACCOUNT_CHANGED, id, Map.of("changes", changes));
		}
	}

	/**
	 * {@code account.changed} for every account a set-based change moves (the lifecycle's
	 * status), written with one statement before the change itself.
	 * @param rows a sub-select over the account table with {@code record_id} and the JSON
	 * {@code payload} {@link #changed(long, Map, Map)} would write
	 */
	void changedWhere(String rows, Map<String, ?> params) {
		this.publisher.publishEvent(new RecordEvents(EventType.ACCOUNT_CHANGED, rows, params));
	}

	void merged(long absorbedId, long survivorId) {
		publish(EventType.ACCOUNT_MERGED, absorbedId, Map.of("absorbedId", absorbedId, "survivorId", survivorId));
	}

	void claimed(long id, Long previousOwner, long owner) {
		publish(EventType.ACCOUNT_CLAIMED, id, owners(previousOwner, owner));
	}

	void ownerChanged(long id, Long previousOwner, long owner) {
		publish(EventType.ACCOUNT_OWNER_CHANGED, id, owners(previousOwner, owner));
	}

	void returnedToPool(long id, long previousOwner, PoolReason reason, String note) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("previousOwnerId", previousOwner);
		payload.put("reason", reason.name());
		payload.put("note", note);
		publish(EventType.ACCOUNT_RETURNED_TO_POOL, id, payload);
	}

	private static Map<String, Object> owners(Object previousOwner, Object owner) {
		Map<String, Object> payload = new LinkedHashMap<>();
		payload.put("previousOwnerId", previousOwner);
		payload.put("ownerId", owner);
		return payload;
	}

	private void publish(EventType type, long id, Map<String, Object> payload) {
		this.publisher.publishEvent(new RecordEvent(type, id, payload));
	}

}
