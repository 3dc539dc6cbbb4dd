package dev.smsauth.api;

import java.net.URI;
import java.util.List;

import dev.smsauth.web.DatabaseUnavailable;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * RFC 9457 problem documents for the management API. Invalid input is 400 and names the field,
 * duplicates 409, unknown ids 404; anything unexpected is 500 without a stack trace (and is a bug).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	@ExceptionHandler(InvalidInputException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", ex.getMessage(), ex.errors());
	}

	@ExceptionHandler(DuplicateException.class)
	ResponseEntity<ProblemDetail> duplicate(DuplicateException ex) {
		return problem(HttpStatus.CONFLICT, "Already exists", ex.getMessage(),
				List.of(new FieldError(ex.field(), "is already in use")));
	}

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", ex.getMessage(), List.of());
	}

	/**
	 * Spring Security's firewall and Tomcat check parameters when they are first read, which for a
	 * form (a delivery receipt) or a query is inside the controller: a name the firewall refuses, or
	 * a pair Tomcat can not parse (an empty name), is bad input, not a bug. Their messages quote the
	 * input, so they are not repeated.
	 */
	@ExceptionHandler({ RequestRejectedException.class, InvalidParameterException.class })
	ResponseEntity<ProblemDetail> rejected(RuntimeException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid input", "The request has a parameter that is not allowed.", List.of());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex) {
		if (DatabaseUnavailable.isCause(ex)) {
			// Not a bug: the database is out of reach. Nothing was written (each call is one transaction).
			log.warn("Database unavailable in the management API: {}", ex.getClass().getSimpleName());
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
				.body(body(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
						"The service is temporarily unavailable. Try again shortly.", List.of()));
		}
		log.error("Unexpected error in the management API", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "An unexpected error occurred.", List.of());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodySizeLimitFilter.BodyTooLargeException) {
				return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
					.body(body(HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", "The request body is too large.", List.of()));
			}
		}
		String field = fieldOf(ex);
		String detail = field == null ? "The request body is not valid JSON or has the wrong shape."
				: "Field '" + field + "' has the wrong type.";
		List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, "has the wrong type"));
		return ResponseEntity.badRequest().body(body(HttpStatus.BAD_REQUEST, "Invalid input", detail, errors));
	}

	private static String fieldOf(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			StringBuilder path = new StringBuilder();
			for (JacksonException.Reference ref : databind.getPath()) {
				if (ref.getPropertyName() != null) {
					path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
				}
				else if (ref.getIndex() >= 0) {
					path.append('[').append(ref.getIndex()).append(']');
				}
			}
			return path.isEmpty() ? null : path.toString();
		}
		return null;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
			List<FieldError> errors) {
		return ResponseEntity.status(status).body(body(status, title, detail, errors));
	}

	private static ProblemDetail body(HttpStatus status, String title, String detail, List<FieldError> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		if (!errors.isEmpty()) {
			problem.setProperty("errors", errors);
		}
		return problem;
	}

}
