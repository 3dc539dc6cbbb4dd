package dev.smsauth.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The hosted sign-in page; Spring Security's form login handles the POST. When the waiting
 * authorization request carries an OpenID Connect {@code login_hint}, the identifier field starts
 * with it, as relying parties expect (the person may still change it; it proves nothing).
 */
@Controller
class LoginController {

	/** The identifier field's own limit. */
	private static final int MAX_HINT = 254;

	private final RequestCache requestCache = new HttpSessionRequestCache();

	@GetMapping("/login")
	String login(HttpServletRequest request, HttpServletResponse response, Model model) {
		SavedRequest saved = requestCache.getRequest(request, response);
		String[] hint = saved == null ? null : saved.getParameterValues("login_hint");
		if (hint != null && hint.length == 1 && hint[0] != null) {
			String value = hint[0].strip();
			if (!value.isEmpty() && value.length() <= MAX_HINT) {
				model.addAttribute("loginHint", value);
			}
		}
		return "login";
	}

}
