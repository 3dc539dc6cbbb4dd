package dev.smsauth.mfa.totp;

import java.time.Clock;

import dev.smsauth.limits.RateLimiter;
import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.ProvenFactors;
import dev.smsauth.mfa.SecondFactor;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.mfa.RecoveryLink;
import dev.smsauth.mfa.SignInPolicy;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import dev.smsauth.web.ResumedInPlace;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
 * The hosted authenticator-app step, offered before SMS to users who set up an app: checks the
 * typed code, then adds the authenticator factor to the signed-in user (the same principal), changes
 * the session id and resumes the authorization request that was waiting, as the SMS step does.
 */
@Controller
@RequestMapping("/mfa/authenticator")
class TotpStepController {

	private static final String PAGE = "/mfa/authenticator";

	private final AuthenticatorService authenticators;

	private final UserService users;

	private final TotpProperties properties;

	private final Clock clock;

	private final TotpSignInTries tries;

	private final ProvenFactors provenFactors;

	private final SecondFactorPolicy secondFactors;

	private final RecoveryLink recoveryLink;

	private final ResumedInPlace resumed;

	TotpStepController(AuthenticatorService authenticators, UserService users, TotpProperties properties, Clock clock,
			TotpSignInTries tries, ProvenFactors provenFactors, SecondFactorPolicy secondFactors,
			RecoveryLink recoveryLink, ResumedInPlace resumed) {
		this.resumed = resumed;
		this.provenFactors = provenFactors;
		this.secondFactors = secondFactors;
		this.recoveryLink = recoveryLink;
		this.authenticators = authenticators;
		this.users = users;
		this.properties = properties;
		this.clock = clock;
		this.tries = tries;
	}

	@GetMapping
	Object page(Authentication authentication, HttpServletRequest request, Model model) {
		UserAccount user = users.get(authentication.getName());
		SignInPolicy pending = secondFactors.pendingPolicy(request);
		model.addAttribute("recoveryAvailable", recoveryLink.offered(authentication, request));
		boolean smsAccepted = pending == null || pending.accepts(SecondFactor.SMS);
		if (!authenticators.isSetUp(user.id())) {
			// Only the app is accepted and there is none: nothing to enroll here, ask the administrator.
			return smsAccepted ? SeeOther.to("/mfa/sms") : "mfa/unavailable";
		}
		model.addAttribute("smsAvailable", user.hasPhoneNumber() && smsAccepted);
		model.addAttribute("rememberDevice", pending != null && pending.rememberDeviceDays() > 0);
		model.addAttribute("startOver", tries.usedUp(authentication));
		return "mfa/authenticator";
	}

	@PostMapping("/verify")
	View verify(Authentication authentication, @RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "remember", defaultValue = "false") boolean remember, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes flash) {
		RateLimiter.Reservation tryOfThisSignIn = tries.reserve(authentication);
		if (!tryOfThisSignIn.granted()) {
			// This sign-in used up its tries: even the right code is not looked at any more.
			flash.addFlashAttribute("error", "totp.error.start-over");
			return SeeOther.to(PAGE);
		}
		int max = properties.maxWrongPerSignIn();
		String userId = authentication.getName();
		VerifyResult result = authenticators.verify(userId, code);
		switch (result) {
			case VERIFIED -> {
				tries.didNotCount(tryOfThisSignIn);
				return resumed.to(provenFactors.add(authentication, Factors.totp(clock.instant()), remember, request,
						response));
			}
			case WRONG, REPLAYED -> {
				int wrong = tries.wrong(authentication);
				if (wrong >= max) {
					authenticators.lockedForThisSignIn(userId, wrong);
					flash.addFlashAttribute("error", "totp.error.start-over");
				}
				else {
					flash.addFlashAttribute("error", result == VerifyResult.REPLAYED ? "totp.error.used" : "totp.error.wrong");
					flash.addFlashAttribute("errorArg", max - wrong);
				}
			}
			case LOCKED -> {
				tries.didNotCount(tryOfThisSignIn);
				flash.addFlashAttribute("error", "sms.error.locked");
			}
			case NOT_SET_UP -> {
				tries.didNotCount(tryOfThisSignIn);
				return SeeOther.to("/mfa/sms");
			}
		}
		return SeeOther.to(PAGE);
	}

}
