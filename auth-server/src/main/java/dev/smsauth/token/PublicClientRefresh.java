package dev.smsauth.token;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Client authentication for a public client's refresh request ({@code grant_type=refresh_token},
 * {@code client_id}, no secret). The framework authenticates public clients only at the code
 * exchange, through the PKCE verifier; a refresh has no verifier, so it would answer
 * {@code invalid_client}. A public client can prove nothing but its id (RFC 9700 4.14): what
 * protects its refresh tokens is the binding to that client, rotation at every use and the revoked
 * grant when a rotated-out one comes back ({@link RefreshTokenReuseDetection}).
 */
public final class PublicClientRefresh {

	private PublicClientRefresh() {
	}

	/** Reads {@code client_id} of a secretless refresh request; anything else is left to the framework. */
	public static AuthenticationConverter converter() {
		return PublicClientRefresh::convert;
	}

	/** Accepts the id only for a registered public client that has the {@code refresh_token} grant. */
	public static AuthenticationProvider provider(RegisteredClientRepository clients) {
		return new Provider(clients);
	}

	private static Authentication convert(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())
				|| !AuthorizationGrantType.REFRESH_TOKEN.getValue().equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		String[] ids = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (ids == null) {
			return null;
		}
		if (ids.length != 1 || ids[0].isBlank()) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		return new OAuth2ClientAuthenticationToken(ids[0], ClientAuthenticationMethod.NONE, null,
				Map.of(OAuth2ParameterNames.GRANT_TYPE, AuthorizationGrantType.REFRESH_TOKEN.getValue()));
	}

	private record Provider(RegisteredClientRepository clients) implements AuthenticationProvider {

		@Override
		public Authentication authenticate(Authentication authentication) {
			OAuth2ClientAuthenticationToken client = (OAuth2ClientAuthenticationToken) authentication;
			if (!ClientAuthenticationMethod.NONE.equals(client.getClientAuthenticationMethod())
					|| !AuthorizationGrantType.REFRESH_TOKEN.getValue()
						.equals(client.getAdditionalParameters().get(OAuth2ParameterNames.GRANT_TYPE))
					|| client.getAdditionalParameters().containsKey("code_verifier")) {
				return null; // the code exchange: the framework's PKCE check
			}
			String clientId = String.valueOf(client.getPrincipal());
			RegisteredClient registered = clientId.length() > 100 ? null : clients.findByClientId(clientId);
			if (registered == null || !registered.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE)
					|| !registered.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
				throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_CLIENT);
			}
			return new OAuth2ClientAuthenticationToken(registered, ClientAuthenticationMethod.NONE, null);
		}

		@Override
		public boolean supports(Class<?> authentication) {
			return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
		}

	}

}
