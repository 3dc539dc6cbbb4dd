package dev.smsauth.token;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients as the introspection endpoint's own provider sees them: the client this
 * request authenticated, when it is the one asked for, else the repository. The framework's
 * provider reads the token's client by id only to answer its {@code client_id}; a resource server
 * introspecting its own tokens would have that row read twice per call, once by client
 * authentication and once here. The client authentication read it in this very request, so an
 * administrator's change is seen at once, as before; any other client is read from the database.
 */
final class ClientOfThisRequest implements RegisteredClientRepository {

	private final RegisteredClientRepository clients;

	ClientOfThisRequest(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	@Override
	public RegisteredClient findById(String id) {
		Authentication authenticated = SecurityContextHolder.getContext().getAuthentication();
		if (authenticated instanceof OAuth2ClientAuthenticationToken client && client.isAuthenticated()
				&& client.getRegisteredClient() != null && client.getRegisteredClient().getId().equals(id)) {
			return client.getRegisteredClient();
		}
		return clients.findById(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return clients.findByClientId(clientId);
	}

	@Override
	public void save(RegisteredClient registeredClient) {
		clients.save(registeredClient);
	}

}
