package dev.smsauth.token;

import java.util.function.Function;

import dev.smsauth.user.UserAccount;
import dev.smsauth.user.UserService;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.stereotype.Component;

/**
 * The userinfo answer, read fresh from the user table for the scopes of the presented access
 * token (the framework's default copies the ID token, which can be stale).
 */
@Component
public class UserInfoMapper implements Function<OidcUserInfoAuthenticationContext, OidcUserInfo> {

	private final UserService users;

	UserInfoMapper(UserService users) {
		this.users = users;
	}

	@Override
	public OidcUserInfo apply(OidcUserInfoAuthenticationContext context) {
		String subject = context.getAuthorization().getPrincipalName();
		return users.find(subject)
			// Disabled since the token was issued: the token no longer speaks for anyone.
			.filter(UserAccount::enabled)
			.map(user -> new OidcUserInfo(UserClaims.forScopes(user, context.getAccessToken().getScopes())))
			// The account was deleted (or disabled) after the token was issued.
			.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_TOKEN));
	}

}
