package dev.smsauth.mfa.recovery;

import java.time.Clock;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.ProvenFactors;
import dev.smsauth.mfa.SecondFactorPolicy;
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
 * The recovery-code step ({@code /mfa/recovery-code}), linked from every factor page for people
 * who have codes: a right, unused code adds the recovery factor to the same principal through
 * {@link ProvenFactors} and resumes the waiting request, as the other factor pages do. It never
 * remembers the browser: whoever uses a code has lost a factor, and the next sign-in should ask.
 */
@Controller
@RequestMapping(RecoveryStepController.PAGE)
class RecoveryStepController {

	static final String PAGE = "/mfa/recovery-code";

	private final RecoveryCodes codes;

	private final ProvenFactors provenFactors;

	private final SecondFactorPolicy secondFactors;

	private final Clock clock;

	private final ResumedInPlace resumed;

	RecoveryStepController(RecoveryCodes codes, ProvenFactors provenFactors, SecondFactorPolicy secondFactors,
			Clock clock, ResumedInPlace resumed) {
		this.resumed = resumed;
		this.codes = codes;
		this.provenFactors = provenFactors;
		this.secondFactors = secondFactors;
		this.clock = clock;
	}

	@GetMapping
	String page(Authentication authentication, HttpServletRequest request, Model model) {
		if (!secondFactors.recoveryCodeAccepted(request)) {
			return "mfa/unavailable"; // the application asks for a passkey: a code would be spent for nothing
		}
		model.addAttribute("hasCodes", codes.hasCodes(authentication.getName()));
		return "mfa/recovery-code";
	}

	@PostMapping("/verify")
	View verify(Authentication authentication, @RequestParam(name = "code", required = false) String code,
			HttpServletRequest request, HttpServletResponse response, RedirectAttributes flash) {
		if (!secondFactors.recoveryCodeAccepted(request)) {
			return SeeOther.to(PAGE);
		}
		switch (codes.verify(authentication.getName(), code)) {
			case VERIFIED -> {
				return resumed.to(provenFactors.add(authentication, Factors.recovery(clock.instant()), false, request,
						response));
			}
			case WRONG -> flash.addFlashAttribute("error", "recovery.error.wrong");
			case LOCKED -> flash.addFlashAttribute("error", "sms.error.locked");
		}
		return SeeOther.to(PAGE);
	}

}
