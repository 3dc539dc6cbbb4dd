package dev.smsauth.demo.profile;

import dev.smsauth.demo.DemoClientProperties;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Shows what the round trip produced: the ID token's claims and the userinfo answer. */
@Controller
class ProfileController {

	private final UserInfoReader userInfoReader;

	private final DemoClientProperties properties;

	ProfileController(UserInfoReader userInfoReader, DemoClientProperties properties) {
		this.userInfoReader = userInfoReader;
		this.properties = properties;
	}

	@GetMapping("/profile")
	String profile(@AuthenticationPrincipal OidcUser user, OAuth2AuthenticationToken authentication, Model model) {
		if (user == null) {
			// Signed in without OpenID Connect (no ID token): nothing to show here.
			return "redirect:/";
		}
		model.addAttribute("user", SignedInUser.of(user));
		model.addAttribute("claims", IdTokenClaims.rows(user.getIdToken().getClaims()));
		model.addAttribute("userInfo", this.userInfoReader.read(user, authentication));
		// The auth server's own account pages: authenticator app and phone number.
		model.addAttribute("accountUrl", this.properties.issuer().replaceAll("/+$", "") + "/account");
		return "demo/profile";
	}

}
