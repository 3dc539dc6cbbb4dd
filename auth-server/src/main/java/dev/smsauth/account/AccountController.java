package dev.smsauth.account;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The signed-in user's own pages start here: a list of what they can manage. Each page under
 * {@code /account/**} enforces its own rules (e.g. a fresh sign-in to change an authenticator).
 */
@Controller
class AccountController {

	@GetMapping("/account")
	String account() {
		return "account/index";
	}

}
