package dev.smsauth.mfa.passkey;

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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own passkeys ({@code /account/passkeys}): the list, "Add a passkey" (the browser
 * script talks to the framework's {@code /webauthn/register/**}, guarded by the same rule), rename
 * and removal. Every action needs a {@link FreshSignIn}, as for the authenticator app.
 */
@Controller
@RequestMapping(AccountPasskeysController.PAGE)
class AccountPasskeysController {

	static final String PAGE = "/account/passkeys";

	private final Passkeys passkeys;

	private final FreshSignIn freshSignIn;

	private final UserService users;

	AccountPasskeysController(Passkeys passkeys, FreshSignIn freshSignIn, UserService users) {
		this.passkeys = passkeys;
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
		passkeys.ensureUserEntity(user.id(), user.username());
		model.addAttribute("passkeys", passkeys.list(user.id()));
		return "account/passkeys";
	}

	@PostMapping("/{id}/remove")
	View remove(Authentication authentication, @PathVariable("id") String id, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		if (freshSignIn.missingStep(authentication, user, request, response).isPresent()) {
			return SeeOther.to(PAGE); // the page sends the browser on, and comes back after
		}
		if (passkeys.remove(user.id(), id, "by the user")) {
			flash.addFlashAttribute("info", "passkeys.removed");
		}
		return SeeOther.to(PAGE);
	}

	/** A new name: 1 to {@value Passkeys#MAX_NAME} characters once trimmed, else the page says why. */
	@PostMapping("/{id}/rename")
	View rename(Authentication authentication, @PathVariable("id") String id,
			@RequestParam(name = "name", required = false) String name, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		if (freshSignIn.missingStep(authentication, user, request, response).isPresent()) {
			return SeeOther.to(PAGE);
		}
		String trimmed = name == null ? "" : name.strip();
		if (trimmed.isEmpty() || trimmed.length() > Passkeys.MAX_NAME) {
			flash.addFlashAttribute("error", "passkeys.rename.invalid");
			flash.addFlashAttribute("errorArg", Passkeys.MAX_NAME);
		}
		else if (passkeys.rename(user.id(), id, trimmed)) {
			flash.addFlashAttribute("info", "passkeys.renamed");
		}
		return SeeOther.to(PAGE);
	}

}
