package dev.smsauth.sms.twilio;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/** A WireMock stand-in for api.twilio.com on a random loopback port, the answers Twilio gives, and its callback signature. */
public final class TwilioFake {

	public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";

	public static final String AUTH_TOKEN = "twilio-test-auth-token-5b1e";

	public static final String FROM = "+15005550006";

	public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

	private TwilioFake() {
	}

	public static WireMockServer start() {
		WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	static TwilioProperties properties(String baseUri, Duration timeout) {
		return new TwilioProperties(ACCOUNT_SID, AUTH_TOKEN, FROM, null, java.net.URI.create(baseUri), timeout);
	}

	/** The Messages resource, whatever answer is stubbed. */
	public static MappingBuilder messages() {
		return post(urlPathEqualTo(MESSAGES_PATH));
	}

	/** Twilio's 201 for a message it queued. */
	public static String accepted(String to, String sid, String numSegments, String price) {
		return """
				{"account_sid":"%s","api_version":"2010-04-01","body":"(text)","date_created":"Thu, 24 Aug 2023 05:01:45 +0000",\
				"date_sent":null,"date_updated":"Thu, 24 Aug 2023 05:01:45 +0000","direction":"outbound-api",\
				"error_code":null,"error_message":null,"from":"%s","messaging_service_sid":null,"num_media":"0",\
				"num_segments":"%s","price":%s,"price_unit":"USD","sid":"%s","status":"queued",\
				"to":"%s","uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}"""
			.formatted(ACCOUNT_SID, FROM, numSegments, price == null ? "null" : "\"" + price + "\"", sid, to, ACCOUNT_SID,
					sid);
	}

	/** Twilio's error document, e.g. 21211 with status 400. */
	public static String error(int code, int status) {
		return """
				{"code":%d,"message":"Error %d for +1 555 010 9999","more_info":"https://www.twilio.com/docs/errors/%d","status":%d}"""
			.formatted(code, code, code, status);
	}

	/** The form Twilio received, decoded. */
	public static Map<String, String> form(String body) {
		Map<String, String> form = new TreeMap<>();
		for (String pair : body.split("&")) {
			int eq = pair.indexOf('=');
			form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
					URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return form;
	}

	/**
	 * {@code X-Twilio-Signature} as Twilio computes it: Base64 of HMAC-SHA1 under the auth token over
	 * the URL followed by every POST parameter's name and value, sorted by name.
	 */
	public static String sign(String authToken, String url, Map<String, String> params) {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
