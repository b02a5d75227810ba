package io.dakehu.contact.web;

import io.dakehu.contact.ContactList;
import io.dakehu.shared.PageRequest;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The contact list's query string, shared by the page and the API: {@code q} (any part of
 * a name, or a whole e-mail address or phone number), {@code owner} (a username: that
 * owner's accounts only), {@code sort=name}, {@code account} or {@code created} (a
 * leading minus sorts descending: {@code -created} is the newest first), {@code page} and
 * {@code size}.
 */
record ContactListParams(String q, String owner, String sort, Integer page, Integer size) {

	ContactList.Criteria criteria() {
		String column = (this.sort != null) ? this.sort.strip() : "name";
		boolean descending = column.startsWith("-");
		return new ContactList.Criteria(this.q, this.owner, descending ? column.substring(1) : column, descending);
	}

	PageRequest pageRequest() {
		return new PageRequest((this.page != null) ? this.page : 0, (this.size != null) ? this.size : 20);
	}

	/**
	 * The list's address with its search, owner and sort, for the pager to add a page to.
	 */
	String url() {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/contacts").queryParam("size", pageRequest().size());
		if (this.q != null && !this.q.isBlank()) {
			url.queryParam("q", this.q.strip());
		}
		if (this.owner != null && !this.owner.isBlank()) {
			url.queryParam("owner", this.owner.strip());
		}
		if (this.sort != null && !this.sort.isBlank()) {
			url.queryParam("sort", this.sort.strip());
		}
		return url.encode().build().toUriString();
	}

}
