package dev.smsauth.console;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.smsauth.api.InvalidInputException;
import dev.smsauth.client.AccessTokenFormat;
import dev.smsauth.client.Application;
import dev.smsauth.client.ApplicationPatch;
import dev.smsauth.client.NewApplication;
import dev.smsauth.client.SigningAlgorithm;

/**
 * The application form as the browser posts it: URIs one per line, scopes separated by spaces,
 * the access-token format as the API names it ({@code jwt} or {@code reference}), the ID token's
 * signing algorithm by its JWS name ({@code RS256}, {@code PS256}, {@code ES256}), the monthly SMS
 * budget as typed (empty: none). Turned into the
 * same inputs the management API produces, so the rules are the service's.
 */
record ApplicationForm(String name, String redirectUris, String postLogoutRedirectUris, String scopes,
		List<String> grantTypes, String type, Boolean consentRequired, Boolean smsMfa, String accessTokenFormat,
		String idTokenSignedResponseAlg, String smsMonthlyBudget) {

	static ApplicationForm empty() {
		return new ApplicationForm("", "", "", "openid profile email phone", List.of("authorization_code", "refresh_token"),
				"confidential", false, true, AccessTokenFormat.JWT.value(),
				SigningAlgorithm.DEFAULT.value(), "");
	}

	static ApplicationForm of(Application a) {
		return new ApplicationForm(a.name(), String.join("\n", a.redirectUris()),
				String.join("\n", a.postLogoutRedirectUris()), String.join(" ", a.scopes()), a.grantTypes(),
				a.isPublic() ? "public" : "confidential", a.consentRequired(), a.mfa().sms(),
				a.accessTokenFormat().value(), a.idTokenSignedResponseAlg().value(),
				a.smsMonthlyBudget() == null ? "" : String.valueOf(a.smsMonthlyBudget()));
	}

	NewApplication toNewApplication() {
		return new NewApplication(name, lines(redirectUris), lines(postLogoutRedirectUris), words(scopes),
				grantTypes == null ? List.of() : grantTypes, "public".equals(type), Boolean.TRUE.equals(consentRequired),
				null, new NewApplication.Mfa(Boolean.TRUE.equals(smsMfa)), accessTokenFormat, null, null,
				idTokenSignedResponseAlg, null, budgetOrNull());
	}

	/**
	 * The settings tab changes everything but the type and the MFA switch (which has its own tab);
	 * a post without the format or the algorithm (an older page still open in a tab) leaves it as it is.
	 */
	ApplicationPatch toSettingsPatch() {
		return new ApplicationPatch(Optional.ofNullable(name), Optional.of(lines(redirectUris)),
				Optional.of(lines(postLogoutRedirectUris)), Optional.of(words(scopes)),
				Optional.of(grantTypes == null ? List.of() : grantTypes), Optional.of(Boolean.TRUE.equals(consentRequired)),
				null, null, accessTokenFormat == null ? null : Optional.of(accessTokenFormat), null, null,
				idTokenSignedResponseAlg == null ? null : Optional.of(idTokenSignedResponseAlg), null,
				smsMonthlyBudget == null ? null : Optional.ofNullable(budgetOrNull()));
	}

	/**
	 * The budget field: empty is "no budget"; anything but a whole number is refused here, naming the
	 * field like the API does (the range is the service's rule).
	 */
	private Integer budgetOrNull() {
		if (smsMonthlyBudget == null || smsMonthlyBudget.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(smsMonthlyBudget.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("smsMonthlyBudget", "must be a whole number from 0 to 10000000, or empty for no budget");
		}
	}

	private static List<String> lines(String text) {
		return text == null ? List.of() : text.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static List<String> words(String text) {
		return text == null ? List.of() : Arrays.stream(text.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
	}

}
