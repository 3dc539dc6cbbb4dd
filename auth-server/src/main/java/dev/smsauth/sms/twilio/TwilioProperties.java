package dev.smsauth.sms.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for Twilio Programmable Messaging, bound from {@code auth.sms.twilio.*} (or the matching
 * {@code AUTH_SMS_TWILIO_*} environment variables) only when an SMS route names {@code twilio}, so
 * a missing value stops the server at start instead of failing on the first sign-in.
 *
 * <p>The account SID and auth token have no defaults: a secret with a default ends up in
 * production by accident. The auth token also verifies Twilio's status callbacks
 * ({@code X-Twilio-Signature}).
 *
 * @param accountSid the account SID, {@code AC…} ({@code AUTH_SMS_TWILIO_ACCOUNT_SID})
 * @param authToken the account's auth token ({@code AUTH_SMS_TWILIO_AUTH_TOKEN})
 * @param from the sending number in E.164; either this or {@code messagingServiceSid}
 * @param messagingServiceSid a Messaging Service ({@code MG…}) that picks the sender; wins over {@code from}
 * @param baseUri scheme and host of the REST API, {@code https://api.twilio.com} unless set (tests
 * point it at a fake); only scheme, host and port are used
 * @param timeout limit for connecting and for the whole answer, 5 s unless set
 */
@ConfigurationProperties("auth.sms.twilio")
public record TwilioProperties(String accountSid, String authToken, String from, String messagingServiceSid,
		URI baseUri, Duration timeout) {

	static final URI DEFAULT_BASE_URI = URI.create("https://api.twilio.com");

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	public TwilioProperties {
		List<String> missing = new ArrayList<>();
		if (isBlank(accountSid)) {
			missing.add("auth.sms.twilio.account-sid (AUTH_SMS_TWILIO_ACCOUNT_SID)");
		}
		if (isBlank(authToken)) {
			missing.add("auth.sms.twilio.auth-token (AUTH_SMS_TWILIO_AUTH_TOKEN)");
		}
		if (isBlank(from) && isBlank(messagingServiceSid)) {
			missing.add("auth.sms.twilio.from (AUTH_SMS_TWILIO_FROM) or auth.sms.twilio.messaging-service-sid "
					+ "(AUTH_SMS_TWILIO_MESSAGING_SERVICE_SID)");
		}
		if (!missing.isEmpty()) {
			throw new IllegalStateException("An SMS route names twilio, but these settings are missing: "
					+ String.join(", ", missing) + ". Set them as properties or environment variables;"
					+ " they have no defaults.");
		}
		accountSid = accountSid.strip();
		from = isBlank(from) ? null : from.strip();
		messagingServiceSid = isBlank(messagingServiceSid) ? null : messagingServiceSid.strip();
		baseUri = (baseUri == null || baseUri.toString().isBlank()) ? DEFAULT_BASE_URI : baseUri;
		String scheme = baseUri.getScheme() == null ? "" : baseUri.getScheme().toLowerCase(Locale.ROOT);
		if (!(scheme.equals("https") || scheme.equals("http")) || baseUri.getHost() == null) {
			throw new IllegalStateException("auth.sms.twilio.base-uri must be an http(s) URL with a host, but is " + baseUri);
		}
		timeout = (timeout == null) ? DEFAULT_TIMEOUT : timeout;
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalStateException("auth.sms.twilio.timeout (AUTH_SMS_TWILIO_TIMEOUT) must be positive, but is "
					+ timeout);
		}
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	/** Hides the auth token: the generated record toString would print it wherever the properties get logged. */
	@Override
	public String toString() {
		return "TwilioProperties[accountSid=" + accountSid + ", authToken=<hidden>, from=" + from
				+ ", messagingServiceSid=" + messagingServiceSid + ", baseUri=" + baseUri + ", timeout=" + timeout + "]";
	}

}
