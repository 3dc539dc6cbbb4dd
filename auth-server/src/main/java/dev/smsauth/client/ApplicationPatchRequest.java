package dev.smsauth.client;

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
			Optional<Boolean> sms = mfaBody == null ? null : mfaBody.bool("sms");
			mfa = Optional.of(new NewApplication.Mfa(sms == null ? null : sms.orElse(null)));
		}
		ApplicationPatch patch = new ApplicationPatch(body.string("name"), body.strings("redirectUris"),
				body.strings("postLogoutRedirectUris"), body.strings("scopes"), body.strings("grantTypes"),
				body.bool("consentRequired"), body.bool("pkceRequired"), mfa, body.string("accessTokenFormat"),
				body.bool("requirePushedAuthorizationRequests"), body.string("refreshTokenAbsoluteLifetime"));
		body.throwIfInvalid();
		return patch;
	}

}
