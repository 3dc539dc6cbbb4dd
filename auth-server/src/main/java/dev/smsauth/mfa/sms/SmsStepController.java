package dev.smsauth.mfa.sms;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

import dev.smsauth.api.DuplicateException;
import dev.smsauth.user.AuthenticatorApps;
import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.ProvenFactors;
import dev.smsauth.mfa.SecondFactor;
import dev.smsauth.mfa.RecoveryLink;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.mfa.SignInPolicy;
import dev.smsauth.user.PhoneNumbers;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import dev.smsauth.web.ResumedInPlace;
import dev.smsauth.web.SeeOther;
import dev.smsauth.user.PhoneMasking;
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
 * The hosted SMS step: shows the masked number (or asks for one to enroll), sends a code only
 * when "Send code" is pressed, checks the typed code, then adds the SMS factor to the signed-in
 * user and resumes the authorization request that was waiting for it.
 */
@Controller
@RequestMapping("/mfa/sms")
class SmsStepController {

	private final SmsCodeService codes;

	private final UserService users;

	private final Clock clock;

	private final AuthenticatorApps authenticatorApps;

	private final ProvenFactors provenFactors;

	private final SecondFactorPolicy secondFactors;

	private final RecoveryLink recoveryLink;

	private final AnotherRoute anotherRoute;

	private final ResumedInPlace resumed;

	SmsStepController(SmsCodeService codes, UserService users, Clock clock, AuthenticatorApps authenticatorApps,
			ProvenFactors provenFactors, SecondFactorPolicy secondFactors, RecoveryLink recoveryLink,
			AnotherRoute anotherRoute, ResumedInPlace resumed) {
		this.resumed = resumed;
		this.recoveryLink = recoveryLink;
		this.anotherRoute = anotherRoute;
		this.provenFactors = provenFactors;
		this.secondFactors = secondFactors;
		this.codes = codes;
		this.users = users;
		this.clock = clock;
		this.authenticatorApps = authenticatorApps;
	}

	@GetMapping
	Object page(Authentication authentication, HttpServletRequest request, HttpSession session, Model model) {
		return show(users.get(authentication.getName()), secondFactors.pendingPolicy(request), authentication, request,
				session, model);
	}

	/**
	 * The step's page for {@code user}, signing in for {@code pending} (null when nothing waits): the
	 * answer to a GET, and to "Send code" itself.
	 */
	private Object show(UserAccount user, SignInPolicy pending, Authentication authentication,
			HttpServletRequest request, HttpSession session, Model model) {
		boolean authenticatorApp = authenticatorApps.isSetUp(user.id());
		// Also on mfa/unavailable: a person without the factor the application needs may have codes.
		model.addAttribute("recoveryAvailable", recoveryLink.offered(authentication, request));
		if ((authenticatorApp && !user.hasPhoneNumber())
				|| (authenticatorApp && pending != null && !pending.accepts(SecondFactor.SMS))) {
			// No number to send to, and adding one here must not bypass the app (a downgrade); or the
			// waiting application does not accept SMS.
			return SeeOther.to("/mfa/authenticator");
		}
		if (!enrollmentAllowed(user, pending) || (pending != null && !pending.accepts(SecondFactor.SMS))) {
			// No factor this application accepts, and it does not let people add one at sign-in.
			return "mfa/unavailable";
		}
		model.addAttribute("rememberDevice", pending != null && pending.rememberDeviceDays() > 0);
		model.addAttribute("authenticatorApp", authenticatorApp);
		SmsStepState state = state(session);
		boolean enrolling = !user.hasPhoneNumber();
		String number = state != null ? state.phoneNumber() : user.phoneNumber();
		model.addAttribute("enrolling", enrolling);
		model.addAttribute("maskedPhone", number == null ? null : PhoneMasking.mask(number));
		model.addAttribute("codeSent", state != null);
		long wait = state == null ? 0 : SmsCodeService.secondsUntil(clock.instant(), state.resendAvailableAt());
		model.addAttribute("resendSeconds", wait);
		model.addAttribute("codeMinutes", codes.codeTtl().toMinutes());
		AnotherRoute.Offer offer = anotherRoute.offer(state, user, pending);
		// Waiting: the form is on the page but hidden, with the seconds left; sms.js shows it when
		// the status answer says so, a page without script shows it on reload.
		model.addAttribute("anotherRoute", offer.kind() == AnotherRoute.Kind.NONE ? null
				: offer.kind().name().toLowerCase(Locale.ROOT));
		model.addAttribute("anotherRouteSeconds", SmsCodeService.secondsUntil(offer.waitLeft()));
		return "mfa/sms";
	}

	/**
	 * "Send code". The answer is the step's page itself, with what happened on it, rather than a 303 to
	 * the page and the browser's second request for it: one request less in every SMS sign-in. sms.js
	 * points the address bar back at the page, so a reload shows the page again instead of posting the
	 * form twice; without script the browser asks before posting again, and inside the cooldown a
	 * second press sends nothing (the page says how long to wait).
	 */
	@PostMapping("/send")
	Object send(Authentication authentication, @RequestParam(name = "phoneNumber", required = false) String phoneNumber,
			HttpServletRequest request, HttpSession session, Locale locale, Model model) {
		UserAccount user = users.get(authentication.getName());
		SignInPolicy pending = secondFactors.pendingPolicy(request);
		if (!enrollmentAllowed(user, pending)) {
			// administrator-only: never a code to a number typed at sign-in.
			return SeeOther.to("/mfa/sms");
		}
		String number;
		SmsChallenge.Purpose purpose;
		if (user.hasPhoneNumber()) {
			// Only ever the number on the account; a submitted number is ignored here.
			number = user.phoneNumber();
			purpose = SmsChallenge.Purpose.SIGN_IN;
		}
		else if (authenticatorApps.isSetUp(user.id())) {
			// Enrolling a number at sign-in proves only the password; with an authenticator app set up
			// that would be a way around it. Numbers are added after a full sign-in instead.
			return SeeOther.to("/mfa/authenticator");
		}
		else if ((phoneNumber == null || phoneNumber.isBlank()) && state(session) != null
				&& state(session).purpose() == SmsChallenge.Purpose.ENROLL) {
			// "Send code" again during enrollment: the number being proven, kept server-side.
			number = state(session).phoneNumber();
			purpose = SmsChallenge.Purpose.ENROLL;
		}
		else {
			Optional<String> e164 = PhoneNumbers.normalise(phoneNumber);
			if (e164.isEmpty()) {
				model.addAttribute("error", "sms.error.phone-invalid");
				return show(user, pending, authentication, request, session, model);
			}
			number = e164.get();
			purpose = SmsChallenge.Purpose.ENROLL;
		}
		SendOutcome outcome = codes.send(user.id(), number, purpose, locale);
		if (outcome instanceof SendOutcome.Sent sent) {
			session.setAttribute(SmsStepState.SESSION_ATTRIBUTE,
					SmsStepState.after(state(session), sent.challengeId(), number, purpose, sent.resendAvailableAt()));
		}
		SendOutcome.show(outcome, model);
		return show(user, pending, authentication, request, session, model);
	}

	@PostMapping("/verify")
	View verify(Authentication authentication, @RequestParam(name = "code", required = false) String code,
			@RequestParam(name = "remember", defaultValue = "false") boolean remember, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes flash) {
		HttpSession session = request.getSession();
		SmsStepState state = state(session);
		VerifyOutcome outcome = codes.verify(state == null ? null : state.challengeId(), authentication.getName(), code);
		switch (outcome.kind()) {
			case VERIFIED -> {
				session.removeAttribute(SmsStepState.SESSION_ATTRIBUTE);
				if (outcome.challenge().purpose() == SmsChallenge.Purpose.ENROLL) {
					if (authenticatorApps.isSetUp(authentication.getName())) {
						// An enrollment begun before the app was set up must not get around it now.
						return SeeOther.to("/mfa/authenticator");
					}
					if (!enrollmentAllowed(users.get(authentication.getName()), secondFactors.pendingPolicy(request))) {
						return SeeOther.to("/mfa/sms");
					}
					try {
						users.setVerifiedPhoneNumber(authentication.getName(), outcome.challenge().phoneNumber());
					}
					catch (DuplicateException ex) {
						flash.addFlashAttribute("error", "sms.error.phone-unavailable");
						return SeeOther.to("/mfa/sms");
					}
				}
				else if (outcome.challenge().purpose() == SmsChallenge.Purpose.SIGN_IN) {
					// The code went to the number then on the account: it is proven, unless an
					// administrator has replaced it since (the update checks, in one statement).
					users.phoneNumberProven(authentication.getName(), outcome.challenge().phoneNumber());
				}
				// The waiting authorization request answers this POST itself (usually the redirect to
				// the application with its code): no 303 to it first.
				return resumed.to(provenFactors.add(authentication, Factors.sms(clock.instant()), remember, request,
						response));
			}
			case WRONG -> {
				flash.addFlashAttribute("error", "sms.error.wrong");
				flash.addFlashAttribute("errorArg", outcome.triesLeft());
			}
			case EXHAUSTED -> {
				session.removeAttribute(SmsStepState.SESSION_ATTRIBUTE);
				flash.addFlashAttribute("error", "sms.error.exhausted");
			}
			case EXPIRED -> {
				session.removeAttribute(SmsStepState.SESSION_ATTRIBUTE);
				flash.addFlashAttribute("error", "sms.error.expired");
			}
			case LOCKED -> flash.addFlashAttribute("error", "sms.error.locked");
			case NO_CODE -> flash.addFlashAttribute("error", "sms.error.no-code");
		}
		return SeeOther.to("/mfa/sms");
	}

	/**
	 * An account without a number may add one here unless the waiting application (or the console,
	 * always) leaves enrollment to administrators. Nothing waiting keeps today's enrollment.
	 */
	static boolean enrollmentAllowed(UserAccount user, SignInPolicy pending) {
		return user.hasPhoneNumber() || pending == null
				|| pending.enrollment() == SignInPolicy.Enrollment.AT_SIGN_IN;
	}

	static SmsStepState state(HttpSession session) {
		return session.getAttribute(SmsStepState.SESSION_ATTRIBUTE) instanceof SmsStepState s ? s : null;
	}

}
