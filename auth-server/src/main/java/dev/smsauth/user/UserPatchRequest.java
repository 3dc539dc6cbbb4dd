package dev.smsauth.user;

import dev.smsauth.api.PatchBody;

import tools.jackson.databind.JsonNode;

/** JSON body of {@code PATCH /api/v1/users/{id}}: an absent member stays as it is; null removes. */
final class UserPatchRequest {

	private UserPatchRequest() {
	}

	static UserPatch read(JsonNode json) {
		PatchBody body = PatchBody.of(json);
		UserPatch patch = new UserPatch(body.string("username"), body.string("phoneNumber"), body.string("email"),
				body.string("password"), body.string("name"), body.bool("enabled"), body.bool("admin"));
		body.throwIfInvalid();
		return patch;
	}

}
