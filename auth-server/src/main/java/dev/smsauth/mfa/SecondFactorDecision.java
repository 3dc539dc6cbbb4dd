package dev.smsauth.mfa;

import org.springframework.security.authorization.AuthorityAuthorizationDecision;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * The answer of {@link SecondFactorPolicy} for one sign-in: no second factor needed, already
 * satisfied (by a factor the policy accepts and young enough), skipped because the browser is
 * remembered, or needed, with the factor authority to ask for first ({@link #ask}).
 */
public record SecondFactorDecision(Outcome outcome, String ask) {

	static final SecondFactorDecision NOT_NEEDED = new SecondFactorDecision(Outcome.NOT_NEEDED, null);

	static final SecondFactorDecision SATISFIED = new SecondFactorDecision(Outcome.SATISFIED, null);

	static final SecondFactorDecision REMEMBERED_DEVICE = new SecondFactorDecision(Outcome.REMEMBERED_DEVICE, null);

	static SecondFactorDecision needs(String authority) {
		return new SecondFactorDecision(Outcome.NEEDED, authority);
	}

	public boolean satisfied() {
		return outcome != Outcome.NEEDED;
	}

	/**
	 * For an {@code AuthorizationManager}: granted, or denied naming the factor to ask for, so Spring
	 * Security's missing-authority handler saves the request and opens that factor's page. The named
	 * authority may already be in the authentication (a factor too old for this application): the
	 * handler only maps the name to a page.
	 */
	public AuthorizationResult toAuthorizationResult() {
		return satisfied() ? new AuthorizationDecision(true)
				: new AuthorityAuthorizationDecision(false, AuthorityUtils.createAuthorityList(ask));
	}

	public enum Outcome {

		NOT_NEEDED, SATISFIED, REMEMBERED_DEVICE, NEEDED

	}

}
