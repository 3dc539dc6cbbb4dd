package dev.smsauth.client;

import java.util.List;
import java.util.Optional;

import dev.smsauth.api.InvalidInputException;
import dev.smsauth.api.PatchBody;

import tools.jackson.databind.JsonNode;

/**
 * JSON body of {@code PATCH /api/v1/applications/{clientId}}: an absent member stays as it is.
 */
final class ApplicationPatchRequest {

	private ApplicationPatchRequest() {
	}

	static ApplicationPatch read(JsonNode json) {
		PatchBody body = PatchBody.of(json);
		if (body.has("public")) {
			throw new InvalidInputException("public", "can not be changed; register a new application instead");
		}
		Optional<NewApplication.Mfa> mfa = null;
		if (body.has("mfa")) {
			PatchBody mfaBody = body.object("mfa");
			mfa = mfaBody == null ? Optional.empty() : Optional.of(mfa(mfaBody));
		}
		ApplicationPatch patch = new ApplicationPatch(body.string("name"), body.strings("redirectUris"),
				body.strings("postLogoutRedirectUris"), body.strings("scopes"), body.strings("grantTypes"),
				body.bool("consentRequired"), body.bool("pkceRequired"), mfa, body.string("accessTokenFormat"),
				body.bool("requirePushedAuthorizationRequests"), body.string("refreshTokenAbsoluteLifetime"),
				body.string("idTokenSignedResponseAlg"), body.string("accessTokenSignedResponseAlg"),
				body.integer("smsMonthlyBudget"));
		body.throwIfInvalid();
		return patch;
	}

	/**
	 * The policy's members; JSON null is refused for each but {@code reauthenticateAfter} (null
	 * there means once per sign-in session), so a null reaches the validator as a wrong value.
	 */
	private static NewApplication.Mfa mfa(PatchBody mfa) {
		Optional<Boolean> sms = mfa.bool("sms");
		Optional<String> required = mfa.string("required");
		Optional<List<String>> factors = mfa.strings("factors");
		Optional<Integer> days = mfa.integer("rememberDeviceDays");
		Optional<String> enrollment = mfa.string("enrollment");
		nullRefused(mfa, sms, "sms", "must be true or false");
		nullRefused(mfa, required, "required", "must be never, always or new-device");
		nullRefused(mfa, factors, "factors", "must list at least one of sms, totp, passkey");
		nullRefused(mfa, days, "rememberDeviceDays", "must be a whole number from 0 to 365");
		nullRefused(mfa, enrollment, "enrollment", "must be at-sign-in or administrator-only");
		return new NewApplication.Mfa(sms == null ? null : sms.orElse(null),
				required == null ? null : required.orElse(null), factors == null ? null : factors.orElse(null),
				mfa.string("reauthenticateAfter"), days == null ? null : days.orElse(null),
				enrollment == null ? null : enrollment.orElse(null));
	}

	private static void nullRefused(PatchBody body, Optional<?> value, String name, String message) {
		if (value != null && value.isEmpty()) {
			body.error(name, message);
		}
	}

}
