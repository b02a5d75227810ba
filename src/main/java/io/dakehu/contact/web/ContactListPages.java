package io.dakehu.contact.web;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.dakehu.account.AccountListMenus;
import io.dakehu.contact.ContactList;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The contact list page: search as you type, narrow to one owner's accounts, sort; htmx
 * replaces only the results while the address keeps the search for the back button.
 */
@Controller
class ContactListPages {

	private final ContactList list;

	private final Users users;

	private final AccountListMenus menus;

	ContactListPages(ContactList list, Users users, AccountListMenus menus) {
		this.list = list;
		this.users = users;
		this.menus = menus;
	}

	@GetMapping("/contacts")
	String list(ContactListParams params, @RequestHeader(value = "HX-Request", required = false) String htmx,
			Model model) {
		CurrentUser me = this.users.current();
		model.addAttribute("result",
				this.list.search(me.scope(), params.criteria(), params.pageRequest()).map(Line::of));
		model.addAttribute("params", params);
		model.addAttribute("pageUrl", params.url());
		if (htmx != null) {
			return "contact/list :: results";
		}
		model.addAttribute("ownerMenu", this.menus.of(me.scope()));
		return "contact/list";
	}

	/**
	 * A person as a line of the page: title and department as one line ("Buyer ·
	 * Purchasing", null when neither is known) and the number as a {@code tel:} link that
	 * dials it (the digits and a leading plus, without the spaces, dashes and brackets
	 * people write for reading).
	 */
	record Line(long id, String name, String position, long accountId, String accountName, String phone,
			String dialLink, String email) {

		static Line of(ContactList.ContactRow row) {
			String position = Stream.of(row.title(), row.department())
				.filter(StringUtils::hasText)
				.collect(Collectors.joining(" · "));
			return new Line(row.id(), row.name(), position.isEmpty() ? null : position, row.accountId(),
					row.accountName(), row.phone(),
					(row.phone() != null) ? "tel:" + row.phone().replaceAll("[^0-9+]", "") : null, row.email());
		}

	}

}
