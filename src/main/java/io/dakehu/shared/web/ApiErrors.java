package io.dakehu.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.dakehu.shared.NotFoundException;
import io.dakehu.shared.RuleViolationException;
import io.dakehu.shared.StaleEditException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is an RFC 9457 problem detail. Field errors list each field with its
 * rule in the caller's language, so a client can show the message next to the right
 * input.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiErrors extends ResponseEntityExceptionHandler {

	private final Labels labels;

	ApiErrors(Labels labels) {
		this.labels = labels;
	}

	@ExceptionHandler(NotFoundException.class)
	ProblemDetail notFound(NotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				this.labels.get("error.notFound"));
		problem.setTitle(this.labels.get("error.notFound.title"));
		return problem;
	}

	@ExceptionHandler(StaleEditException.class)
	ProblemDetail stale(StaleEditException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, this.labels.get("error.stale"));
		problem.setTitle(this.labels.get("error.stale.title"));
		problem.setProperty("currentVersion", ex.currentVersion());
		return problem;
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ProblemDetail raced(OptimisticLockingFailureException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, this.labels.get("error.stale"));
		problem.setTitle(this.labels.get("error.stale.title"));
		return problem;
	}

	@ExceptionHandler(RuleViolationException.class)
	ProblemDetail rule(RuleViolationException ex) {
		String message = this.labels.get(ex.messageKey(), ex.args());
		if (ex.label() != null) {
			return invalid(
					List.of(Map.of("field", ex.field(), "label", ex.label(), "message", ex.label() + ": " + message)));
		}
		return invalid(List.of(fieldError(ex.field(), message)));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail denied(AccessDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				this.labels.get("error.forbidden"));
		problem.setTitle(this.labels.get("error.forbidden.title"));
		return problem;
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> fieldError(error.getField(), message(error)))
			.toList();
		return ResponseEntity.badRequest().body(invalid(errors));
	}

	/**
	 * The message files' words for the error (as the pages show it), else the
	 * validator's.
	 */
	private String message(FieldError error) {
		return this.labels.get(error);
	}

	private Map<String, String> fieldError(String field, String message) {
		return Map.of("field", field, "label", this.labels.field(field), "message",
				this.labels.field(field) + ": " + message);
	}

	private ProblemDetail invalid(List<Map<String, String>> errors) {
		String detail = String.join("; ", errors.stream().map((e) -> e.get("message")).toList());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle(this.labels.get("error.invalid.title"));
		problem.setType(URI.create("about:blank"));
		problem.setProperty("errors", errors);
		return problem;
	}

}
