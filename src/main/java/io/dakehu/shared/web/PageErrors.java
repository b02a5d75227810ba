package io.dakehu.shared.web;

import io.dakehu.shared.NotFoundException;

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

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied() {
		ModelAndView view = new ModelAndView("error/403");
		view.setStatus(HttpStatus.FORBIDDEN);
		return view;
	}

}
