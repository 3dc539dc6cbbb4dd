package dev.smsauth.token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.core.convert.TypeDescriptor;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2TokenIntrospectionClaimNames;
import org.springframework.security.oauth2.core.converter.ClaimConversionService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionAuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Introspection of our own reference (opaque) access tokens for our own endpoints (userinfo, the
 * management API, Actuator), done in-process: the token is looked up in the authorization store
 * ({@link IndexedAuthorizationService}, one indexed SHA-256 lookup), never by an HTTP call to our
 * own introspection endpoint. Same rules as that endpoint: the token must be one we issued as an
 * access token (a refresh token or a code is not), and active: not expired, not yet valid, not
 * revoked (revocation, a replayed code or refresh token, or a deleted application).
 *
 * <p>The attributes are the claims the framework stored with the token
 * ({@link OAuth2Authorization.Token#CLAIMS_METADATA_NAME}: iss, sub, aud, iat, exp, nbf, jti,
 * scope), with {@code iat}/{@code exp} taken from the token itself as {@link Instant}s, which is
 * what {@code OpaqueTokenAuthenticationProvider} reads; the authorities are {@code SCOPE_} plus each
 * granted scope, as for a JWT.
 */
public final class StoredAccessTokenIntrospector implements OpaqueTokenIntrospector {

	private static final TypeDescriptor OBJECT = TypeDescriptor.valueOf(Object.class);

	private static final TypeDescriptor STRINGS = TypeDescriptor.collection(List.class,
			TypeDescriptor.valueOf(String.class));

	private final Function<String, OAuth2Authorization> grantOfAccessToken;

	public StoredAccessTokenIntrospector(OAuth2AuthorizationService authorizations) {
		this.grantOfAccessToken = token -> authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
	}

	/**
	 * Also reads {@code alongside}'s row in the statement that finds the token's grant, when the
	 * store can ({@link IndexedAuthorizationService#findByAccessToken}): for a request that reads it next.
	 */
	public StoredAccessTokenIntrospector(OAuth2AuthorizationService authorizations, JoinedRead alongside) {
		this.grantOfAccessToken = authorizations instanceof IndexedAuthorizationService indexed
				? token -> indexed.findByAccessToken(token, alongside)
				: token -> authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
	}

	@Override
	public StoredAccessTokenPrincipal introspect(String token) {
		OAuth2Authorization authorization = grantOfAccessToken.apply(token);
		OAuth2Authorization.Token<OAuth2AccessToken> accessToken = authorization == null ? null
				: authorization.getAccessToken();
		// One message for every case: the caller learns nothing about why (unknown, expired or revoked).
		if (accessToken == null || !accessToken.getToken().getTokenValue().equals(token) || !accessToken.isActive()) {
			throw new BadOpaqueTokenException("The access token is not active");
		}
		OAuth2AccessToken value = accessToken.getToken();
		List<GrantedAuthority> authorities = new ArrayList<>();
		value.getScopes().forEach(scope -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return new StoredAccessTokenPrincipal(new OAuth2IntrospectionAuthenticatedPrincipal(
				authorization.getPrincipalName(), attributes(accessToken, authorization.getPrincipalName()), authorities),
				token, authorization);
	}

	private static Map<String, Object> attributes(OAuth2Authorization.Token<OAuth2AccessToken> accessToken,
			String principalName) {
		OAuth2AccessToken value = accessToken.getToken();
		Map<String, Object> claims = accessToken.getClaims();
		Map<String, Object> attributes = claims == null ? new HashMap<>() : new HashMap<>(claims);
		attributes.putIfAbsent(OAuth2TokenIntrospectionClaimNames.SUB, principalName);
		attributes.put(OAuth2TokenIntrospectionClaimNames.SCOPE, List.copyOf(value.getScopes()));
		attributes.put(OAuth2TokenIntrospectionClaimNames.TOKEN_TYPE, value.getTokenType().getValue());
		putInstant(attributes, OAuth2TokenIntrospectionClaimNames.IAT, value.getIssuedAt());
		putInstant(attributes, OAuth2TokenIntrospectionClaimNames.EXP, value.getExpiresAt());
		Object notBefore = attributes.get(OAuth2TokenIntrospectionClaimNames.NBF);
		if (notBefore != null && !(notBefore instanceof Instant)) {
			putInstant(attributes, OAuth2TokenIntrospectionClaimNames.NBF,
					ClaimConversionService.getSharedInstance().convert(notBefore, Instant.class));
		}
		Object audience = attributes.get(OAuth2TokenIntrospectionClaimNames.AUD);
		if (audience != null && !(audience instanceof List)) {
			attributes.put(OAuth2TokenIntrospectionClaimNames.AUD,
					ClaimConversionService.getSharedInstance().convert(audience, OBJECT, STRINGS));
		}
		return attributes;
	}

	private static void putInstant(Map<String, Object> attributes, String name, Instant value) {
		if (value == null) {
			attributes.remove(name);
		}
		else {
			attributes.put(name, value);
		}
	}

}
