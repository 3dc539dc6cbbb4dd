package dev.smsauth.mfa;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Whether a factor page offers "Use a recovery code": the account has an unused code and the
 * waiting request would accept one (not when it asks for the phishing-resistant level).
 */
@Component
public class RecoveryLink {

	private final RecoveryCodesOnFile codes;

	private final SecondFactorPolicy policy;

	RecoveryLink(RecoveryCodesOnFile codes, SecondFactorPolicy policy) {
		this.codes = codes;
		this.policy = policy;
	}

	public boolean offered(Authentication signedIn, HttpServletRequest request) {
		return policy.recoveryCodeAccepted(request) && codes.hasCodes(signedIn.getName());
	}

}
