package dev.smsauth.mfa.totp;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.smsauth.mfa.Factors;
import dev.smsauth.mfa.ProvenFactors;
import dev.smsauth.mfa.SecondFactorPolicy;
import dev.smsauth.user.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The rule for binding or removing an authenticator (NIST SP 800-63B: binding a new authenticator
 * needs authentication at the level of the existing ones): the password proven within
 * {@code auth.totp.fresh-sign-in}, and, when the account has a phone number or an authenticator
 * app, one of those second factors in this session. When the rule is not met the answer is where
 * to send the browser; for a GET the page is saved first, so the sign-in or the code step returns
 * to it.
 */
@Component
public class FreshSignIn {

	static final String REAUTHENTICATE = "/login?reauth";

	private final ProvenFactors provenFactors;

	private final SecondFactorPolicy secondFactors;

	private final TotpProperties properties;

	private final Clock clock;

	FreshSignIn(ProvenFactors provenFactors, SecondFactorPolicy secondFactors, TotpProperties properties, Clock clock) {
		this.provenFactors = provenFactors;
		this.secondFactors = secondFactors;
		this.properties = properties;
		this.clock = clock;
	}

	/** Empty when the session may change the account's authenticators; else the step to go through. */
	public Optional<String> missingStep(Authentication authentication, UserAccount user, HttpServletRequest request,
			HttpServletResponse response) {
		Optional<String> step = missingStep(authentication, user);
		if (step.isPresent() && "GET".equals(request.getMethod())) {
			provenFactors.saveRequest(request, response);
		}
		return step;
	}

	/** As above, for requests that can not be sent anywhere (the passkey registration's JSON calls). */
	public Optional<String> missingStep(Authentication authentication, UserAccount user) {
		Instant password = Factors.passwordTime(authentication);
		if (password == null || password.plus(properties.freshSignIn()).isBefore(clock.instant())) {
			return Optional.of(REAUTHENTICATE);
		}
		return secondFactors.beforeAccountChange(authentication, user);
	}

}
