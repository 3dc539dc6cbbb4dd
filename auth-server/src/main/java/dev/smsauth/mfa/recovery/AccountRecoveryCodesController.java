package dev.smsauth.mfa.recovery;

import java.util.Optional;

import dev.smsauth.mfa.totp.FreshSignIn;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The user's own recovery codes ({@code /account/recovery-codes}), behind the same
 * {@link FreshSignIn} as the authenticator app (a set of codes is a new way in). "Generate recovery
 * codes" answers the POST with the page itself, the codes in it: not a redirect, because the flash
 * attributes of a redirect live in the session, and the codes must be stored nowhere in plain text.
 */
@Controller
@RequestMapping(AccountRecoveryCodesController.PAGE)
class AccountRecoveryCodesController {

	static final String PAGE = "/account/recovery-codes";

	private final RecoveryCodes codes;

	private final FreshSignIn freshSignIn;

	private final UserService users;

	AccountRecoveryCodesController(RecoveryCodes codes, FreshSignIn freshSignIn, UserService users) {
		this.codes = codes;
		this.freshSignIn = freshSignIn;
		this.users = users;
	}

	@GetMapping
	Object page(Authentication authentication, HttpServletRequest request, HttpServletResponse response, Model model) {
		UserAccount user = users.get(authentication.getName());
		Optional<String> step = freshSignIn.missingStep(authentication, user, request, response);
		if (step.isPresent()) {
			return SeeOther.to(step.get());
		}
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("unused", codes.unused(user.id()));
		return "account/recovery-codes";
	}

	@PostMapping
	Object generate(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		UserAccount user = users.get(authentication.getName());
		if (freshSignIn.missingStep(authentication, user, request, response).isPresent()) {
			return SeeOther.to(PAGE); // the page sends the browser on, and comes back after
		}
		// The page shows the codes: no cache may keep it.
		response.setHeader("Cache-Control", "no-store");
		model.addAttribute("codes", codes.generate(user.id()));
		model.addAttribute("unused", RecoveryCodes.COUNT);
		return "account/recovery-codes";
	}

}
