package dev.smsauth.demo.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Explains a failed sign-in (for example {@code access_denied} from the auth server)
 * instead of sending the user back to the home page without a word.
 */
@Controller
class LoginFailedController {

	static final String PATH = "/login-failed";

	@GetMapping(PATH)
	String loginFailed(HttpServletRequest request, Model model) {
		model.addAttribute("failure", LoginFailure.from(takeFailure(request)));
		return "demo/login-failed";
	}

	/**
	 * The failure handler parks the exception in the session before redirecting here; take
	 * it out so that a reload does not show a stale failure forever.
	 */
	private static AuthenticationException takeFailure(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
		return (failure instanceof AuthenticationException exception) ? exception : null;
	}

}
