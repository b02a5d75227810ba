package io.dakehu.contact.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.dakehu.contact.ContactInput;
import io.dakehu.contact.ContactList;
import io.dakehu.contact.ContactView;
import io.dakehu.contact.Contacts;
import io.dakehu.identity.Users;
import io.dakehu.shared.PageResult;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contacts over the API: the list across the reader's book, and each account's people
 * nested under their account for lists and creation.
 */
@RestController
class ContactApi {

	private static final String CUSTOM = "customFields.";

	private final Contacts contacts;

	private final Users users;

	private final ContactList list;

	ContactApi(Contacts contacts, Users users, ContactList list) {
		this.contacts = contacts;
		this.users = users;
		this.list = list;
	}

	/**
	 * The contact list (see {@link ContactListParams}): everyone at the live accounts of
	 * the reader's book, a page at a time with the total (at most 1,000, with
	 * {@code totalExact} false beyond).
	 */
	@GetMapping("/api/v1/contacts")
	PageResult<ContactList.ContactRow> search(ContactListParams params) {
		return this.list.search(this.users.current().scope(), params.criteria(), params.pageRequest());
	}

	/**
	 * The account's contacts, narrowed by {@code customFields.<key>=value} filters as the
	 * account list is.
	 */
	@GetMapping("/api/v1/accounts/{accountId}/contacts")
	List<ContactView> list(@PathVariable long accountId, @RequestParam Map<String, String> query) {
		Map<String, String> wanted = new LinkedHashMap<>();
		query.forEach((name, value) -> {
			if (name.startsWith(CUSTOM) && value != null && !value.isBlank()) {
				wanted.put(name.substring(CUSTOM.length()), value.strip());
			}
		});
		return this.contacts.forAccount(this.users.current().scope(), accountId, wanted);
	}

	@PostMapping("/api/v1/accounts/{accountId}/contacts")
	ResponseEntity<ContactView> add(@PathVariable long accountId, @Valid @RequestBody ContactInput input) {
		ContactView created = this.contacts.add(this.users.current(), accountId, input);
		return ResponseEntity.created(URI.create("/api/v1/contacts/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/contacts/{id}")
	ContactView get(@PathVariable long id) {
		return this.contacts.get(this.users.current().scope(), id);
	}

	@PutMapping("/api/v1/contacts/{id}")
	ContactView update(@PathVariable long id, @Valid @RequestBody ContactInput input) {
		return this.contacts.update(this.users.current(), id, input.version(), input);
	}

	@DeleteMapping("/api/v1/contacts/{id}")
	ResponseEntity<Void> remove(@PathVariable long id) {
		this.contacts.remove(this.users.current(), id);
		return ResponseEntity.noContent().build();
	}

}
