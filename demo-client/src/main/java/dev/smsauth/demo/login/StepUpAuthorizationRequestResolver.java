package dev.smsauth.demo.login;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Starts sign-in with PKCE always on, and lets the demo's links ask for step-up
 * ({@code ?acr=mfa}) or a fresh password prompt ({@code ?prompt=login}).
 * <p>
 * Only those exact values are translated; anything else in the query is ignored, so a
 * crafted link cannot smuggle arbitrary parameters into the authorization request.
 */
final class StepUpAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {

	/** The auth server's MFA level; asking for it forces the SMS step. */
	static final String MFA_ACR = "urn:smsauth:acr:mfa";

	private final DefaultOAuth2AuthorizationRequestResolver delegate;

	StepUpAuthorizationRequestResolver(ClientRegistrationRepository registrations) {
		this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations,
				OAuth2AuthorizationRequestRedirectFilter.DEFAULT_AUTHORIZATION_REQUEST_BASE_URI);
		// The auth server requires PKCE only for public clients; we always send it because it
		// also protects a confidential client against authorization code injection. Spring
		// Security adds it too while the registration keeps its default requireProofKey, but
		// this keeps it on whatever the registration's settings say.
		this.delegate.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
		return withRequestedExtras(request, this.delegate.resolve(request));
	}

	@Override
	public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String clientRegistrationId) {
		// Reached when some page needs a token, not from a link the user clicked: the query
		// belongs to that page, so it must not choose the authentication level.
		return this.delegate.resolve(request, clientRegistrationId);
	}

	private OAuth2AuthorizationRequest withRequestedExtras(HttpServletRequest request,
			OAuth2AuthorizationRequest authorizationRequest) {
		if (authorizationRequest == null) {
			return null;
		}
		Map<String, Object> extras = new LinkedHashMap<>();
		if ("mfa".equals(request.getParameter("acr"))) {
			extras.put("acr_values", MFA_ACR);
		}
		if ("login".equals(request.getParameter("prompt"))) {
			extras.put("prompt", "login");
		}
		if (extras.isEmpty()) {
			return authorizationRequest;
		}
		// from() keeps state, nonce and the PKCE verifier; the request URI is rebuilt with
		// the extra parameters because from() does not copy it.
		return OAuth2AuthorizationRequest.from(authorizationRequest)
			.additionalParameters((parameters) -> parameters.putAll(extras))
			.build();
	}

}
