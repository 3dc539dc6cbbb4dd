package dev.smsauth.mfa.totp;

import java.util.Optional;

import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The user's own authenticator-app page: set one up (secret shown as text, link and QR code; saved
 * only after the first code from the app is typed back) or remove it. Every action needs a
 * {@link FreshSignIn}.
 */
@Controller
@RequestMapping("/account/authenticator")
class AccountAuthenticatorController {

	private static final String PAGE = "/account/authenticator";

	private final AuthenticatorService authenticators;

	private final FreshSignIn freshSignIn;

	private final UserService users;

	private final TotpProperties properties;

	AccountAuthenticatorController(AuthenticatorService authenticators, FreshSignIn freshSignIn, UserService users,
			TotpProperties properties) {
		this.authenticators = authenticators;
		this.freshSignIn = freshSignIn;
		this.users = users;
		this.properties = properties;
	}

	@GetMapping
	Object page(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		UserAccount user = users.get(authentication.getName());
		Optional<String> step = freshSignIn.missingStep(authentication, user, request, response);
		if (step.isPresent()) {
			return SeeOther.to(step.get());
		}
		// The page shows a secret: no cache may keep it.
		response.setHeader("Cache-Control", "no-store");
		boolean setUp = authenticators.isSetUp(user.id());
		model.addAttribute("setUp", setUp);
		if (!setUp) {
			HttpSession session = request.getSession();
			PendingEnrollment pending = session.getAttribute(PendingEnrollment.SESSION_ATTRIBUTE) instanceof PendingEnrollment p
					? p : null;
			Optional<String> secret = authenticators.secretOf(pending, user.id());
			if (secret.isEmpty()) {
				pending = authenticators.newEnrollment(user.id());
				session.setAttribute(PendingEnrollment.SESSION_ATTRIBUTE, pending);
				secret = authenticators.secretOf(pending, user.id());
			}
			String uri = authenticators.otpauthUri(properties.issuer(), user.username(), secret.orElseThrow());
			model.addAttribute("secretGroups", Base32.grouped(secret.get()));
			model.addAttribute("otpauthUri", uri);
			model.addAttribute("qrCode", QrCodes.pngDataUri(uri));
		}
		return "account/authenticator";
	}

	@PostMapping("/confirm")
	View confirm(Authentication authentication, @RequestParam(name = "code", required = false) String code,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		if (freshSignIn.missingStep(authentication, user, request, response).isPresent()) {
			return SeeOther.to(PAGE); // the page sends the browser on, and comes back after
		}
		HttpSession session = request.getSession();
		PendingEnrollment pending = session.getAttribute(PendingEnrollment.SESSION_ATTRIBUTE) instanceof PendingEnrollment p
				? p : null;
		Optional<String> secret = authenticators.secretOf(pending, user.id());
		if (secret.isEmpty()) {
			flash.addFlashAttribute("error", "totp.enroll.error.expired");
			return SeeOther.to(PAGE);
		}
		if (!authenticators.confirm(user.id(), secret.get(), code)) {
			flash.addFlashAttribute("error", "totp.enroll.error.wrong");
			return SeeOther.to(PAGE);
		}
		session.removeAttribute(PendingEnrollment.SESSION_ATTRIBUTE);
		flash.addFlashAttribute("info", "totp.enroll.info.done");
		return SeeOther.to(PAGE);
	}

	@PostMapping("/remove")
	View remove(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		if (freshSignIn.missingStep(authentication, user, request, response).isPresent()) {
			return SeeOther.to(PAGE);
		}
		if (authenticators.remove(user.id(), "by the user")) {
			flash.addFlashAttribute("info", "totp.remove.info.done");
		}
		return SeeOther.to(PAGE);
	}

}
