package dev.smsauth.bench;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The relying party's half of a sign-in: the code from the redirect, redeemed with the PKCE verifier. */
final class CodeExchange {

	private CodeExchange() {
	}

	/** Reads {@code code} from the redirect's Location and POSTs it to the token endpoint (client_secret_basic). */
	static Tokens redeem(Http http, String tokenEndpoint, Management.App client, String redirectUri, String location,
			Pkce pkce) {
		String code = queryParam(location, "code");
		if (code == null) {
			throw new BenchException("no code in " + location);
		}
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", redirectUri);
		form.put("code_verifier", pkce.verifier());
		Response tokens = http.postForm(tokenEndpoint, form, "Authorization", Http.basic(client.clientId(), client.clientSecret()))
			.expect(200, "code exchange");
		return new Tokens(Json.required(tokens.body(), "access_token"), Json.required(tokens.body(), "refresh_token"),
				Json.required(tokens.body(), "id_token"), client);
	}

	static String queryParam(String url, String name) {
		String query = URI.create(url).getRawQuery();
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0 && pair.substring(0, eq).equals(name)) {
				return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			}
		}
		return null;
	}

}
