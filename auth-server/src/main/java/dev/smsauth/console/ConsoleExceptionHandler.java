package dev.smsauth.console;

import dev.smsauth.api.NotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/** An id in a console URL that does not exist (deleted meanwhile, mistyped) is a 404 page. */
@ControllerAdvice(basePackageClasses = ConsoleExceptionHandler.class)
class ConsoleExceptionHandler {

	@ExceptionHandler(NotFoundException.class)
	ModelAndView notFound() {
		ModelAndView page = new ModelAndView("error", HttpStatus.NOT_FOUND);
		page.addObject("status", 404);
		return page;
	}

}
