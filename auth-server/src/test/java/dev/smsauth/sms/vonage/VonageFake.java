package dev.smsauth.sms.vonage;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock stand-in for rest.nexmo.com on a random loopback port, and the answers Vonage gives. */
public final class VonageFake {

	public static final String API_KEY = "test-key";

	public static final String API_SECRET = "test-secret-9f3c";

	public static final String FROM = "SmsAuth";

	/**
	 * A real provider refuses the embedded default's public secrets (bootstrap.EmbeddedDefaults), so
	 * tests with Vonage bring their own.
	 */
	public static final String MANAGEMENT_SECRET = "vonage-test-management-secret-0123456789";

	public static final String OWN_MANAGEMENT_SECRET = "auth.bootstrap.management-client-secret=" + MANAGEMENT_SECRET;

	public static final String OWN_HMAC_KEY = "auth.sms.code-hmac-key=vonage-test-hmac-key-0123456789abcdef";

	/** Base64 of 32 bytes that are not the embedded default's. */
	public static final String OWN_KEY_ENCRYPTION_KEY = "auth.keys.encryption-key=dm9uYWdlLXRlc3Qta2V5LWVuY3J5cHRpb24ta2V5MTI=";

	private VonageFake() {
	}

	public static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	public static VonageProperties properties(String baseUri, Duration timeout) {
		return new VonageProperties(API_KEY, API_SECRET, FROM, baseUri, timeout, null);
	}

	/** Vonage's answer for an accepted one-part message; numbers and statuses come as strings. */
	public static String accepted(String to, String messageId) {
		return """
				{"message-count":"1","messages":[%s]}""".formatted(acceptedPart(to, messageId));
	}

	public static String acceptedPart(String to, String messageId) {
		return """
				{"to":"%s","message-id":"%s","status":"0","remaining-balance":"3.14159265",\
				"message-price":"0.03330000","network":"23410"}""".formatted(to, messageId);
	}

	/** Vonage's answer, inside an HTTP 200, for a message it refused. */
	public static String refused(String to, int status, String errorText) {
		return """
				{"message-count":"1","messages":[%s]}""".formatted(refusedPart(to, status, errorText));
	}

	public static String refusedPart(String to, int status, String errorText) {
		return """
				{"to":"%s","status":"%d","error-text":"%s"}""".formatted(to, status, errorText);
	}

}
