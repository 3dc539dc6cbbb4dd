package dev.smsauth.demo.profile;

import java.util.List;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.StringUtils;

/**
 * Who is signed in, as the pages greet them.
 *
 * @param displayName the name claim, else preferred_username, else the subject
 * @param subject the stable user id ({@code sub})
 * @param passedSms whether the ID token says the SMS step was passed ({@code amr} contains
 * {@code mfa}); this is what step-up changes
 */
public record SignedInUser(String displayName, String subject, boolean passedSms) {

	public static SignedInUser of(OidcUser user) {
		List<String> amr = user.getIdToken().getAuthenticationMethods();
		return new SignedInUser(firstText(user.getFullName(), user.getPreferredUsername(), user.getSubject()),
				user.getSubject(), amr != null && amr.contains("mfa"));
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
