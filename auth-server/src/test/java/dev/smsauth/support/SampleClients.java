package dev.smsauth.support;

import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/** A confidential authorization-code client with a new id, for tests of the client store. */
public final class SampleClients {

	private SampleClients() {
	}

	public static RegisteredClient client(String clientId, boolean pkce) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientSecret("{noop}secret")
			.clientName("App")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example/callback")
			.scope("openid")
			.clientSettings(ClientSettings.builder().requireProofKey(pkce).build())
			.build();
	}

}
