package io.dakehu.identity.web;

import java.util.List;

import io.dakehu.identity.UserSummary;
import io.dakehu.identity.Users;
import io.dakehu.shared.web.PickerOption;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The colleague picker of every form that names our people (owner, account team,
 * participants, salesperson): the form submits the username; the reader sees the name,
 * username and team.
 */
@Controller
class ColleaguePicker {

	private final Users users;

	ColleaguePicker(Users users) {
		this.users = users;
	}

	/**
	 * @param mine only the people whose records the reader may manage, for fields where
	 * anyone else would be refused (an owner)
	 */
	@GetMapping("/users/picker")
	String picker(@RequestParam(required = false) String q, @RequestParam(defaultValue = "false") boolean mine,
			Model model) {
		List<UserSummary> found = this.users.search(q, mine ? this.users.current().scope() : null, PickerOption.LIMIT);
		model.addAttribute("options", found.stream().map(ColleaguePicker::option).toList());
		return "picker :: options";
	}

	static PickerOption option(UserSummary user) {
		String detail = (user.teamName() != null) ? user.username() + " · " + user.teamName() : user.username();
		return new PickerOption(user.username(), user.displayName(), detail);
	}

}
