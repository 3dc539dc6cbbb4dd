package dev.smsauth.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Where every error that no handler answered ends up (unknown paths, 405s, errors sent by the
 * authorization endpoint). The management API and other non-browser callers get RFC 9457
 * problem+json; browsers get the friendly error page. Never a stack trace.
 */
@Controller
class ErrorPageController implements ErrorController {

	@RequestMapping("/error")
	Object error(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = status(request);
		HttpHeaders headers = new HttpHeaders();
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			// The database (or another dependency) is away for now: ask callers to come back.
			headers.set(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
		}
		String uri = String.valueOf(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI));
		if (uri.startsWith("/api/") || !acceptsHtml(request)) {
			ProblemDetail problem = ProblemDetail.forStatus(status);
			problem.setTitle(status.getReasonPhrase());
			if (status == HttpStatus.SERVICE_UNAVAILABLE) {
				problem.setDetail("The service is temporarily unavailable. Try again shortly.");
			}
			return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		ModelAndView page = new ModelAndView("error", status);
		page.addObject("status", status.value());
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			page.addObject("messageKey", "error.unavailable");
			response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS);
		}
		return page;
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
		return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
	}

	private static boolean acceptsHtml(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains("text/html");
	}

}
