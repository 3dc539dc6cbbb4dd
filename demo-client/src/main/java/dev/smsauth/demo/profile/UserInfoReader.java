package dev.smsauth.demo.profile;

import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration.ProviderDetails;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import tools.jackson.databind.json.JsonMapper;

/**
 * Gets the userinfo answer for the profile page.
 * <p>
 * Spring Security calls userinfo during sign-in whenever the discovery document
 * advertises the endpoint, so {@link OidcUser#getUserInfo()} is {@code null} only when it
 * does not. The page is meant to show the endpoint's answer, so we then call it ourselves
 * with the access token, at the conventional {@code {issuer}/userinfo}.
 */
@Component
class UserInfoReader {

	private final RestClient restClient;

	private final OAuth2AuthorizedClientService authorizedClients;

	private final JsonMapper jsonMapper;

	UserInfoReader(RestClient.Builder restClientBuilder, OAuth2AuthorizedClientService authorizedClients,
			JsonMapper jsonMapper) {
		this.restClient = restClientBuilder.build();
		this.authorizedClients = authorizedClients;
		this.jsonMapper = jsonMapper;
	}

	UserInfoView read(OidcUser user, OAuth2AuthenticationToken authentication) {
		if (user.getUserInfo() != null) {
			return UserInfoView.of("Fetched by Spring Security during sign-in",
					this.jsonMapper.writerWithDefaultPrettyPrinter().writeValueAsString(user.getUserInfo().getClaims()));
		}
		OAuth2AuthorizedClient client = this.authorizedClients
			.loadAuthorizedClient(authentication.getAuthorizedClientRegistrationId(), authentication.getName());
		if (client == null) {
			return UserInfoView.missing("No access token is stored for this session; log in again.");
		}
		return fetch(endpoint(client.getClientRegistration().getProviderDetails()),
				client.getAccessToken().getTokenValue());
	}

	private static String endpoint(ProviderDetails provider) {
		String advertised = provider.getUserInfoEndpoint().getUri();
		if (StringUtils.hasText(advertised)) {
			return advertised;
		}
		String issuer = provider.getIssuerUri();
		return (issuer.endsWith("/") ? issuer : issuer + "/") + "userinfo";
	}

	private UserInfoView fetch(String endpoint, String accessToken) {
		try {
			String body = this.restClient.get()
				.uri(endpoint)
				.headers((headers) -> headers.setBearerAuth(accessToken))
				.accept(MediaType.APPLICATION_JSON)
				.retrieve()
				.body(String.class);
			return UserInfoView.of("Fetched from " + endpoint + " with the access token", body);
		}
		catch (RestClientResponseException ex) {
			return UserInfoView.missing("The userinfo endpoint answered " + ex.getStatusCode().value() + ".");
		}
		catch (RestClientException ex) {
			return UserInfoView.missing("The userinfo endpoint could not be reached.");
		}
	}

}
