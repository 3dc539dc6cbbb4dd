package dev.smsauth.login;

import dev.smsauth.mfa.Factors;
import dev.smsauth.user.UserService;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Where a person lands who signed in directly rather than through an application. */
@Controller
class HomeController {

	private final UserService users;

	HomeController(UserService users) {
		this.users = users;
	}

	@GetMapping("/")
	String home(Authentication authentication, Model model) {
		users.find(authentication.getName()).ifPresent(user -> model.addAttribute("name", user.name()));
		model.addAttribute("sms", Factors.hasSms(authentication));
		return "home";
	}

}
