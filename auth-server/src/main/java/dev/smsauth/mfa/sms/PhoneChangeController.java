package dev.smsauth.mfa.sms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import dev.smsauth.api.DuplicateException;
import dev.smsauth.user.PhoneNumbers;
import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;
import dev.smsauth.web.SeeOther;
import dev.smsauth.user.PhoneMasking;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Self-service phone change at {@code /account/phone} (../shared/SECURITY.md SMS 11): a new number
 * is a new authenticator, so the session must have signed in recently ({@link RecentSignIn}: a
 * fresh password, and the SMS factor when the account has a number), a code goes to the NEW
 * number through {@link SmsCodeService} with every code limit, and the number is saved only when
 * that code is verified. The old number is then told (notify package). Plain forms, 303 after
 * every POST, no JavaScript needed.
 */
@Controller
@RequestMapping("/account/phone")
class PhoneChangeController {

	private static final String PAGE = "/account/phone";

	// A change started under a fresh sign-in must finish soon after: long enough for the slowest
	// code plus a resend, short enough that it is not a way around the fresh sign-in.
	static final Duration CHANGE_LIFETIME = Duration.ofMinutes(15);

	private final SmsCodeService codes;

	private final UserService users;

	private final RecentSignIn recentSignIn;

	private final Clock clock;

	private final RequestCache requestCache;

	PhoneChangeController(SmsCodeService codes, UserService users, RecentSignIn recentSignIn, Clock clock,
			RequestCache requestCache) {
		this.requestCache = requestCache;
		this.codes = codes;
		this.users = users;
		this.recentSignIn = recentSignIn;
		this.clock = clock;
	}

	@GetMapping
	Object page(Authentication authentication, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		UserAccount user = users.get(authentication.getName());
		PhoneChangeState pending = pending(request.getSession());
		String step = recentSignIn.missingStep(authentication, user, pending == null);
		if (step != null) {
			// Sign-in and the SMS step both come back here once done (the saved request).
			requestCache.saveRequest(request, response);
			return SeeOther.to(step);
		}
		model.addAttribute("currentPhone", user.hasPhoneNumber() ? PhoneMasking.mask(user.phoneNumber()) : null);
		model.addAttribute("codeSent", pending != null);
		model.addAttribute("newPhone", pending == null ? null : PhoneMasking.mask(pending.phoneNumber()));
		model.addAttribute("resendSeconds",
				pending == null ? 0 : SmsCodeService.secondsUntil(clock.instant(), pending.resendAvailableAt()));
		model.addAttribute("codeMinutes", codes.codeTtl().toMinutes());
		return "account/phone";
	}

	@PostMapping("/send")
	View send(Authentication authentication, @RequestParam(name = "phoneNumber", required = false) String phoneNumber,
			HttpServletRequest request, Locale locale, RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		HttpSession session = request.getSession();
		PhoneChangeState pending = pending(session);
		boolean resend = (phoneNumber == null || phoneNumber.isBlank()) && pending != null;
		if (recentSignIn.missingStep(authentication, user, !resend) != null) {
			// The page itself sends the browser to the missing step and remembers where to come back.
			return SeeOther.to(PAGE);
		}
		String number;
		if (resend) {
			// "Send code" again: to the number being proven, kept server-side.
			number = pending.phoneNumber();
		}
		else {
			Optional<String> e164 = PhoneNumbers.normalise(phoneNumber);
			if (e164.isEmpty()) {
				flash.addFlashAttribute("error", "sms.error.phone-invalid");
				return SeeOther.to(PAGE);
			}
			if (e164.get().equals(user.phoneNumber())) {
				flash.addFlashAttribute("error", "account.phone.error.same");
				return SeeOther.to(PAGE);
			}
			number = e164.get();
		}
		SendOutcome outcome = codes.send(user.id(), number, SmsChallenge.Purpose.CHANGE, locale);
		if (outcome instanceof SendOutcome.Sent sent) {
			Instant startedAt = resend ? pending.startedAt() : clock.instant();
			session.setAttribute(PhoneChangeState.SESSION_ATTRIBUTE,
					new PhoneChangeState(sent.challengeId(), number, startedAt, sent.resendAvailableAt()));
		}
		SendOutcome.flash(outcome, flash);
		return SeeOther.to(PAGE);
	}

	@PostMapping("/verify")
	View verify(Authentication authentication, @RequestParam(name = "code", required = false) String code,
			HttpServletRequest request, RedirectAttributes flash) {
		UserAccount user = users.get(authentication.getName());
		HttpSession session = request.getSession();
		PhoneChangeState pending = pending(session);
		if (pending == null) {
			flash.addFlashAttribute("error", "sms.error.no-code");
			return SeeOther.to(PAGE);
		}
		if (recentSignIn.missingStep(authentication, user, false) != null) {
			return SeeOther.to(PAGE);
		}
		VerifyOutcome outcome = codes.verify(pending.challengeId(), user.id(), code);
		switch (outcome.kind()) {
			case VERIFIED -> {
				session.removeAttribute(PhoneChangeState.SESSION_ATTRIBUTE);
				if (outcome.challenge().purpose() != SmsChallenge.Purpose.CHANGE) {
					flash.addFlashAttribute("error", "sms.error.no-code");
					return SeeOther.to(PAGE);
				}
				try {
					users.setVerifiedPhoneNumber(user.id(), outcome.challenge().phoneNumber());
				}
				catch (DuplicateException ex) {
					// The same neutral answer as enrollment, and only after the code proved the number.
					flash.addFlashAttribute("error", "sms.error.phone-unavailable");
					return SeeOther.to(PAGE);
				}
				// A new authenticator is a privilege change: new session id, same signed-in session.
				request.changeSessionId();
				flash.addFlashAttribute("info", "account.phone.info.changed");
			}
			case WRONG -> {
				flash.addFlashAttribute("error", "sms.error.wrong");
				flash.addFlashAttribute("errorArg", outcome.triesLeft());
			}
			case EXHAUSTED -> {
				session.removeAttribute(PhoneChangeState.SESSION_ATTRIBUTE);
				flash.addFlashAttribute("error", "sms.error.exhausted");
			}
			case EXPIRED -> {
				session.removeAttribute(PhoneChangeState.SESSION_ATTRIBUTE);
				flash.addFlashAttribute("error", "sms.error.expired");
			}
			case LOCKED -> flash.addFlashAttribute("error", "sms.error.locked");
			case NO_CODE -> flash.addFlashAttribute("error", "sms.error.no-code");
		}
		return SeeOther.to(PAGE);
	}

	/** Forget the number being proven and start again (asks for a fresh sign-in again if needed). */
	@PostMapping("/cancel")
	View cancel(HttpServletRequest request) {
		request.getSession().removeAttribute(PhoneChangeState.SESSION_ATTRIBUTE);
		return SeeOther.to(PAGE);
	}

	/** The change under way in this session, or null when there is none or it is too old. */
	private PhoneChangeState pending(HttpSession session) {
		if (!(session.getAttribute(PhoneChangeState.SESSION_ATTRIBUTE) instanceof PhoneChangeState state)) {
			return null;
		}
		if (state.startedAt().plus(CHANGE_LIFETIME).isBefore(clock.instant())) {
			session.removeAttribute(PhoneChangeState.SESSION_ATTRIBUTE);
			return null;
		}
		return state;
	}

}
