package dev.smsauth.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.smsauth.mfa.SecondFactor;
import dev.smsauth.mfa.SignInPolicy;

/**
 * An application as administrators see it: a registered OAuth client in our vocabulary.
 * {@code clientSecret} is only ever filled in the answer that created or rotated it;
 * {@code smsMonthlyBudget} is null when the application has no monthly SMS budget.
 */
public record Application(String clientId, String clientSecret, String name, List<String> redirectUris,
		List<String> postLogoutRedirectUris, List<String> scopes, List<String> grantTypes, boolean isPublic,
		boolean consentRequired, boolean pkceRequired, Mfa mfa, AccessTokenFormat accessTokenFormat,
		boolean requirePushedAuthorizationRequests, Duration refreshTokenAbsoluteLifetime,
		SigningAlgorithm idTokenSignedResponseAlg, SigningAlgorithm accessTokenSignedResponseAlg, Instant createdAt,
		Integer smsMonthlyBudget) {

	/**
	 * The sign-in policy as the API answers it; {@code sms} (the older switch) is true when a second
	 * factor may be required.
	 */
	public record Mfa(boolean sms, String required, List<String> factors, String reauthenticateAfter,
			int rememberDeviceDays, String enrollment) {

		public static Mfa of(SignInPolicy policy) {
			return new Mfa(policy.sms(), policy.required().value(),
					policy.factors().stream().sorted().map(SecondFactor::value).toList(),
					policy.reauthenticateAfter() == null ? null : policy.reauthenticateAfter().toString(),
					policy.rememberDeviceDays(), policy.enrollment().value());
		}

		/** The same policy, for rules and summaries. */
		@JsonIgnore
		public SignInPolicy policy() {
			return new SignInPolicy(SignInPolicy.Required.of(required).orElseThrow(),
					factors.stream().map(f -> SecondFactor.of(f).orElseThrow()).collect(Collectors.toSet()),
					reauthenticateAfter == null ? null : Duration.parse(reauthenticateAfter), rememberDeviceDays,
					SignInPolicy.Enrollment.of(enrollment).orElseThrow());
		}

	}

	Application withSecret(String secret) {
		return new Application(clientId, secret, name, redirectUris, postLogoutRedirectUris, scopes, grantTypes,
				isPublic, consentRequired, pkceRequired, mfa, accessTokenFormat, requirePushedAuthorizationRequests,
				refreshTokenAbsoluteLifetime, idTokenSignedResponseAlg, accessTokenSignedResponseAlg, createdAt,
				smsMonthlyBudget);
	}

}
