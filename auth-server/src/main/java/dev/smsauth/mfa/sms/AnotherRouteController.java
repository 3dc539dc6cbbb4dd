package dev.smsauth.mfa.sms;

import java.util.Locale;

import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.user.AuthenticatorApps;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import dev.smsauth.web.SeeOther;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Send by another route" on the SMS step (sign-in and enrollment alike): the POST sends a new code
 * through a provider this sign-in has not used yet, only when {@link AnotherRoute} offers it; the
 * GET answers whether it is offered, so the page's script can show the button without a reload
 * (and without losing what the person typed).
 */
@Controller
@RequestMapping("/mfa/sms/another-route")
class AnotherRouteController {

	private final SmsCodeService codes;

	private final AnotherRoute anotherRoute;

	private final UserService users;

	private final AuthenticatorApps authenticatorApps;

	private final SecondFactorPolicy secondFactors;

	private final SmsMetrics metrics;

	AnotherRouteController(SmsCodeService codes, AnotherRoute anotherRoute, UserService users,
			AuthenticatorApps authenticatorApps, SecondFactorPolicy secondFactors, SmsMetrics metrics) {
		this.codes = codes;
		this.anotherRoute = anotherRoute;
		this.users = users;
		this.authenticatorApps = authenticatorApps;
		this.secondFactors = secondFactors;
		this.metrics = metrics;
	}

	/** {@code {"anotherRoute":"available"|"waiting"|"none","seconds":n}}: seconds until a waiting offer opens. */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Status status(Authentication authentication, HttpServletRequest request, HttpSession session) {
		UserAccount user = users.get(authentication.getName());
		SmsStepState state = SmsStepController.state(session);
		AnotherRoute.Offer offer = anotherRoute.offer(state, user, secondFactors.pendingPolicy(request));
		return new Status(offer.kind().name().toLowerCase(Locale.ROOT), SmsCodeService.secondsUntil(offer.waitLeft()));
	}

	@PostMapping
	View send(Authentication authentication, HttpServletRequest request, HttpSession session, Locale locale,
			RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		SmsStepState state = SmsStepController.state(session);
		if (state == null) {
			flash.addFlashAttribute("error", "sms.error.no-code");
			return SeeOther.to("/mfa/sms");
		}
		if (state.purpose() == SmsChallenge.Purpose.ENROLL && authenticatorApps.isSetUp(user.id())) {
			// As for "Send code": a number enrolled at sign-in must not get around the app.
			return SeeOther.to("/mfa/authenticator");
		}
		// Checked here, not only by hiding the button: too early, delivered, or no provider left.
		AnotherRoute.Offer offer = anotherRoute.offer(state, user, secondFactors.pendingPolicy(request));
		if (!offer.available()) {
			metrics.anotherRoute(SmsMetrics.NOT_OFFERED);
			if (offer.kind() == AnotherRoute.Kind.WAITING) {
				flash.addFlashAttribute("error", "sms.error.another-route-wait");
				flash.addFlashAttribute("errorArg", SmsCodeService.secondsUntil(offer.waitLeft()));
			}
			else {
				flash.addFlashAttribute("error", "sms.error.another-route-none");
			}
			return SeeOther.to("/mfa/sms");
		}
		SendOutcome outcome = codes.sendByAnotherRoute(user.id(), state.phoneNumber(), state.purpose(), locale,
				state.challengeId(), offer.avoid());
		if (outcome instanceof SendOutcome.Sent sent) {
			session.setAttribute(SmsStepState.SESSION_ATTRIBUTE, SmsStepState.after(state, sent.challengeId(),
					state.phoneNumber(), state.purpose(), sent.resendAvailableAt()));
			flash.addFlashAttribute("info", "sms.info.sent-another-route");
		}
		else {
			SendOutcome.flash(outcome, flash);
		}
		return SeeOther.to("/mfa/sms");
	}

	/** The GET's answer. */
	record Status(String anotherRoute, long seconds) {
	}

}
