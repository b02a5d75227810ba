package io.dakehu.contact.web;

import io.dakehu.account.AccountListMenus;
import io.dakehu.contact.ContactList;
import io.dakehu.identity.CurrentUser;
import io.dakehu.identity.Users;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
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
		model.addAttribute("result", this.list.search(me.scope(), params.criteria(), params.pageRequest()));
		model.addAttribute("params", params);
		model.addAttribute("pageUrl", params.url());
		if (htmx != null) {
			return "contact/list :: results";
		}
		model.addAttribute("owners", this.menus.of(me.scope()).owners());
		return "contact/list";
	}

}
