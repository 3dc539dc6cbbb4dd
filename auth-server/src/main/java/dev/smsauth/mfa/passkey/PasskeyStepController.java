package dev.smsauth.mfa.passkey;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.ProvenFactors;
import dev.smsauth.mfa.SecondFactor;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.mfa.RecoveryLink;
import dev.smsauth.mfa.SignInPolicy;
import dev.smsauth.user.AuthenticatorApps;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The passkey step ({@code /mfa/passkey}): a button "Use a passkey"; the browser script fetches a
 * challenge, asks the authenticator and posts the assertion back; a verified one adds the WebAuthn
 * factor (and the user-verification mark) to the same principal through {@link ProvenFactors}.
 */
@Controller
@RequestMapping(SecondFactorPolicy.PASSKEY_PAGE)
class PasskeyStepController {

	private final PasskeyAssertions assertions;

	private final Passkeys passkeys;

	private final ProvenFactors provenFactors;

	private final SecondFactorPolicy secondFactors;

	private final RecoveryLink recoveryLink;

	private final AuthenticatorApps authenticatorApps;

	private final UserService users;

	private final Clock clock;

	PasskeyStepController(PasskeyAssertions assertions, Passkeys passkeys, ProvenFactors provenFactors,
			SecondFactorPolicy secondFactors, AuthenticatorApps authenticatorApps, UserService users, Clock clock,
			RecoveryLink recoveryLink) {
		this.assertions = assertions;
		this.passkeys = passkeys;
		this.provenFactors = provenFactors;
		this.secondFactors = secondFactors;
		this.recoveryLink = recoveryLink;
		this.authenticatorApps = authenticatorApps;
		this.users = users;
		this.clock = clock;
	}

	@GetMapping
	String page(Authentication authentication, HttpServletRequest request, Model model) {
		UserAccount user = users.get(authentication.getName());
		SignInPolicy pending = secondFactors.pendingPolicy(request);
		model.addAttribute("recoveryAvailable", recoveryLink.offered(authentication, request));
		model.addAttribute("hasPasskey", passkeys.hasPasskey(user.id()));
		model.addAttribute("smsAvailable", user.hasPhoneNumber() && (pending == null || pending.accepts(SecondFactor.SMS)));
		model.addAttribute("appAvailable", authenticatorApps.isSetUp(user.id())
				&& (pending == null || pending.accepts(SecondFactor.TOTP)));
		return "mfa/passkey";
	}

	@PostMapping(path = "/options", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	String options(Authentication authentication, HttpServletRequest request) {
		return assertions.options(authentication, request);
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, Object>> verify(Authentication authentication, @RequestBody(required = false) String body,
			HttpServletRequest request, HttpServletResponse response) {
		Optional<PasskeyAssertions.Verified> verified = body == null ? Optional.empty()
				: assertions.verify(authentication, body, request);
		if (verified.isEmpty()) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("verified", false));
		}
		List<GrantedAuthority> marks = verified.get().userVerified()
				? List.of(new SimpleGrantedAuthority(Factors.PASSKEY_USER_VERIFIED)) : List.of();
		String next = provenFactors.add(authentication, Factors.passkey(clock.instant()),
				List.of(Factors.PASSKEY_USER_VERIFIED), marks, false, request, response);
		return ResponseEntity.ok(Map.of("verified", true, "redirectUrl", next));
	}

}
