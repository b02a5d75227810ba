package io.dakehu.shared.web;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Flash messages shown once after a redirect: a message key, resolved in the layout in
 * the user's language.
 */
public final class Flash {

	private Flash() {
	}

	public static void success(RedirectAttributes redirect, String messageKey) {
		redirect.addFlashAttribute("flashSuccess", messageKey);
	}

	public static void error(RedirectAttributes redirect, String messageKey) {
		redirect.addFlashAttribute("flashError", messageKey);
	}

}
