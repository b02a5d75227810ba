package io.dakehu.shared.web;

import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * Errors on pages render the layout with a friendly message. Ordered after
 * {@link ApiErrors}, which takes the REST controllers.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrors {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound() {
		ModelAndView view = new ModelAndView("error/404");
		view.setStatus(HttpStatus.NOT_FOUND);
		return view;
	}

	/**
	 * A rule broken by an address rather than a form, such as an unknown tier or export
	 * format in a link: forms catch their own violations and show them by the field, so
	 * what arrives here is a bad request, answered with the rule's message.
	 */
	@ExceptionHandler(RuleViolationException.class)
	ModelAndView badRequest(RuleViolationException ex) {
		ModelAndView view = new ModelAndView("error/400");
		view.addObject("messageKey", ex.messageKey());
		view.addObject("messageArgs", ex.args());
		view.setStatus(HttpStatus.BAD_REQUEST);
		return view;
	}

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied() {
		ModelAndView view = new ModelAndView("error/403");
		view.setStatus(HttpStatus.FORBIDDEN);
		return view;
	}

}
