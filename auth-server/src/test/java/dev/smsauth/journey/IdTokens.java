package dev.smsauth.journey;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.smsauth.support.ManagementClient;
import dev.smsauth.support.SignInFlow;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the journeys without the demo app do as a relying party: take the code from the URL the
 * browser stopped at, redeem it at the token endpoint and read the ID token's claims.
 */
final class IdTokens {

	private IdTokens() {
	}

	/** Redeems {@code code} (client_secret_basic, PKCE) and returns the ID token's claims; asserts a 200. */
	static JsonNode redeem(String base, String clientId, String secret, String redirectUri, String code,
			String codeVerifier) throws Exception {
		String form = "grant_type=authorization_code&code=" + enc(code) + "&redirect_uri=" + enc(redirectUri)
				+ "&code_verifier=" + enc(codeVerifier);
		HttpResponse<String> answer = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
				.header("Authorization", ManagementClient.basic(clientId, secret))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return SignInFlow.claims(JsonMapper.builder().build().readTree(answer.body()).get("id_token").asString());
	}

	static List<String> amr(JsonNode idToken) {
		return idToken.get("amr").values().stream().map(JsonNode::asString).toList();
	}

	/** The authorization code in the query of {@code url}. */
	static String codeIn(String url) {
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			if (pair.startsWith("code=")) {
				return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no code in " + url);
	}

	static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
