package dev.smsauth.demo.home;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.smsauth.demo.DemoClientProperties;
import dev.smsauth.demo.profile.SignedInUser;

/**
 * Public home page, also the login page: it must render without contacting the auth
 * server, which may not be up yet.
 */
@Controller
class HomeController {

	private final DemoClientProperties properties;

	HomeController(DemoClientProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/")
	String home(@AuthenticationPrincipal OidcUser user, Model model) {
		model.addAttribute("issuer", this.properties.issuer());
		model.addAttribute("user", (user != null) ? SignedInUser.of(user) : null);
		return "demo/home";
	}

}
