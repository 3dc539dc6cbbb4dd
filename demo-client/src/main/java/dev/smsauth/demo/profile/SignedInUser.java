package dev.smsauth.demo.profile;

import java.util.List;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

/**
 * Who is signed in, as the pages greet them.
 *
 * @param displayName the name claim, else preferred_username, else the subject
 * @param subject the stable user id ({@code sub})
 * @param passedSms whether the ID token says the MFA step was passed ({@code amr} contains
 * {@code mfa}); this is what step-up changes
 * @param secondFactor how, in words: "SMS verified" ({@code sms}) or "Authenticator app verified"
 * ({@code otp}, RFC 8176), or null without the MFA step
 */
public record SignedInUser(String displayName, String subject, boolean passedSms, String secondFactor) {

	public static SignedInUser of(OidcUser user) {
		List<String> amr = user.getIdToken().getAuthenticationMethods();
		boolean mfa = amr != null && amr.contains("mfa");
		String how = !mfa ? null : amr.contains("otp") ? "Authenticator app verified" : "SMS verified";
		return new SignedInUser(firstText(user.getFullName(), user.getPreferredUsername(), user.getSubject()),
				user.getSubject(), mfa, how);
	}

	private static String firstText(String... candidates) {
		for (String candidate : candidates) {
			if (StringUtils.hasText(candidate)) {
				return candidate;
			}
		}
		return "(unknown)";
	}

}
