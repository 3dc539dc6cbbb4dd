package dev.smsauth.login;

import java.security.Principal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consent page for applications that ask for consent. The form posts back to the
 * authorization endpoint, which checks {@code state} against the pending request.
 */
@Controller
class ConsentController {

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	ConsentController(RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		this.clients = clients;
		this.consents = consents;
	}

	@GetMapping("/oauth2/consent")
	String consent(Principal principal, Model model, @RequestParam(name = "client_id", required = false) String clientId,
			@RequestParam(name = "scope", required = false) String scope,
			@RequestParam(name = "state", required = false) String state) {
		RegisteredClient client = clientId == null ? null : clients.findByClientId(clientId);
		if (client == null || scope == null || state == null) {
			model.addAttribute("messageKey", "error.consent.invalid");
			return "error";
		}
		OAuth2AuthorizationConsent previous = consents.findById(client.getId(), principal.getName());
		Set<String> alreadyGranted = previous == null ? Set.of() : previous.getScopes();
		List<String> toApprove = new ArrayList<>();
		List<String> granted = new ArrayList<>();
		for (String requested : new HashSet<>(List.of(scope.split(" ")))) {
			if (OidcScopes.OPENID.equals(requested)) {
				continue; // implied by signing in; not a choice
			}
			(alreadyGranted.contains(requested) ? granted : toApprove).add(requested);
		}
		model.addAttribute("clientId", clientId);
		model.addAttribute("clientName", client.getClientName());
		model.addAttribute("state", state);
		model.addAttribute("scopes", toApprove.stream().sorted().toList());
		model.addAttribute("previouslyApprovedScopes", granted.stream().sorted().toList());
		return "consent";
	}

}
