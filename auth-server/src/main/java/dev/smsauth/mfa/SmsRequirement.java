package dev.smsauth.mfa;

import java.util.Arrays;

import dev.smsauth.client.ClientSettingNames;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;

/**
 * Decides whether an authorization request needs the SMS factor: the application requires it
 * ({@code mfa.sms} in its settings, read on every request so a change applies at the next
 * sign-in), or the request asks for the MFA level through {@code acr_values} (step-up).
 */
@Component
public class SmsRequirement {

	private final RegisteredClientRepository clients;

	SmsRequirement(RegisteredClientRepository clients) {
		this.clients = clients;
	}

	public boolean isRequired(HttpServletRequest request) {
		String acrValues = request.getParameter("acr_values");
		if (acrValues != null && Arrays.asList(acrValues.split(" ")).contains(Factors.ACR_MFA)) {
			return true;
		}
		String clientId = request.getParameter("client_id");
		if (clientId == null || clientId.length() > 100) {
			return false; // the endpoint itself rejects the request
		}
		RegisteredClient client = clients.findByClientId(clientId);
		return client != null && ClientSettingNames.smsRequired(client.getClientSettings());
	}

}
