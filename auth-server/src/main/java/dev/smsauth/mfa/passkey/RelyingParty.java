package dev.smsauth.mfa.passkey;

import java.net.URI;
import java.util.Locale;

import org.springframework.util.StringUtils;

/**
 * The WebAuthn relying party, derived from the issuer URL: the RP ID is the issuer's host (or a
 * configured registrable suffix of it) and the one allowed origin is the issuer's scheme, host and
 * port. A browser refuses a passkey whose RP ID does not match the page's host, and we refuse one
 * made on another origin; so an issuer that can not satisfy those rules stops the start-up with a
 * message saying why, instead of passkeys that never work.
 *
 * <p>Without an issuer (the embedded default and tests derive it from the request) the server is
 * {@code http://localhost:<port>}.
 */
record RelyingParty(String id, String name, String origin) {

	static RelyingParty of(String issuer, int serverPort, PasskeyProperties properties) {
		String url = StringUtils.hasText(issuer) ? issuer.trim() : "http://localhost:" + serverPort;
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(url, "it is not a URL");
		}
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
		if (host.isEmpty() || !(scheme.equals("https") || scheme.equals("http"))) {
			throw invalid(url, "it needs an http(s) scheme and a host name");
		}
		// WebAuthn needs a secure context: https, or http on localhost only.
		if (scheme.equals("http") && !host.equals("localhost")) {
			throw invalid(url, "passkeys need https (plain http only works for localhost)");
		}
		// An RP ID is a domain name; an IP address can never be one.
		if (host.matches("[0-9.]+") || host.contains(":") || host.startsWith("[")) {
			throw invalid(url, "the host is an IP address, and a WebAuthn RP ID must be a domain name");
		}
		String rpId = StringUtils.hasText(properties.rpId()) ? properties.rpId().trim().toLowerCase(Locale.ROOT) : host;
		if (!(host.equals(rpId) || host.endsWith("." + rpId)) || !rpId.contains(".") && !rpId.equals(host)) {
			throw invalid(url, "auth.passkeys.rp-id '" + rpId + "' is not the host or a parent domain of '" + host + "'");
		}
		String origin = scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
		return new RelyingParty(rpId, properties.rpName(), origin);
	}

	private static IllegalStateException invalid(String issuer, String why) {
		return new IllegalStateException("Passkeys: can not derive the WebAuthn relying party from the issuer '" + issuer
				+ "': " + why + ". Set auth.issuer (env ISSUER) to the https address people sign in at.");
	}

}
