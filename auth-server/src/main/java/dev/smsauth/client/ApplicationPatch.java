package dev.smsauth.client;

import java.util.List;
import java.util.Optional;

/**
 * A partial update; a {@code null} component means "leave as is". {@code smsMonthlyBudget} empty
 * means "no budget any more".
 */
public record ApplicationPatch(Optional<String> name, Optional<List<String>> redirectUris,
		Optional<List<String>> postLogoutRedirectUris, Optional<List<String>> scopes,
		Optional<List<String>> grantTypes, Optional<Boolean> consentRequired, Optional<Boolean> pkceRequired,
		Optional<NewApplication.Mfa> mfa, Optional<String> accessTokenFormat,
		Optional<Boolean> requirePushedAuthorizationRequests, Optional<String> refreshTokenAbsoluteLifetime,
		Optional<String> idTokenSignedResponseAlg, Optional<String> accessTokenSignedResponseAlg,
		Optional<Integer> smsMonthlyBudget) {

	/** Leaves the signing algorithms and the monthly SMS budget as they are. */
	public ApplicationPatch(Optional<String> name, Optional<List<String>> redirectUris,
			Optional<List<String>> postLogoutRedirectUris, Optional<List<String>> scopes,
			Optional<List<String>> grantTypes, Optional<Boolean> consentRequired, Optional<Boolean> pkceRequired,
			Optional<NewApplication.Mfa> mfa, Optional<String> accessTokenFormat,
			Optional<Boolean> requirePushedAuthorizationRequests, Optional<String> refreshTokenAbsoluteLifetime) {
		this(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, consentRequired, pkceRequired, mfa,
				accessTokenFormat, requirePushedAuthorizationRequests, refreshTokenAbsoluteLifetime, null, null, null);
	}

	/** Leaves the PAR requirement and the refresh-token absolute lifetime as they are. */
	public ApplicationPatch(Optional<String> name, Optional<List<String>> redirectUris,
			Optional<List<String>> postLogoutRedirectUris, Optional<List<String>> scopes,
			Optional<List<String>> grantTypes, Optional<Boolean> consentRequired, Optional<Boolean> pkceRequired,
			Optional<NewApplication.Mfa> mfa, Optional<String> accessTokenFormat) {
		this(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, consentRequired, pkceRequired, mfa,
				accessTokenFormat, null, null);
	}

	/** Leaves the access-token format as it is too. */
	public ApplicationPatch(Optional<String> name, Optional<List<String>> redirectUris,
			Optional<List<String>> postLogoutRedirectUris, Optional<List<String>> scopes,
			Optional<List<String>> grantTypes, Optional<Boolean> consentRequired, Optional<Boolean> pkceRequired,
			Optional<NewApplication.Mfa> mfa) {
		this(name, redirectUris, postLogoutRedirectUris, scopes, grantTypes, consentRequired, pkceRequired, mfa, null,
				null, null);
	}

}
