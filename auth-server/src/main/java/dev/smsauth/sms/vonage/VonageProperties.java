package dev.smsauth.sms.vonage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for the Vonage SMS API, bound from {@code auth.sms.vonage.*} (or the matching
 * {@code AUTH_SMS_VONAGE_*} environment variables).
 *
 * <p>The credentials and the sender id have no defaults on purpose: a secret with a default ends up
 * in production by accident. The record is only bound when {@code auth.sms.provider=vonage}, so a
 * missing value stops the server at startup instead of failing on the first login.
 *
 * @param apiKey Vonage API key ({@code AUTH_SMS_VONAGE_API_KEY})
 * @param apiSecret Vonage API secret ({@code AUTH_SMS_VONAGE_API_SECRET})
 * @param from sender id shown on the phone, a number or up to 11 letters ({@code AUTH_SMS_VONAGE_FROM})
 * @param baseUri REST base URI, {@code https://rest.nexmo.com} unless set (tests point it at a fake)
 * @param timeout limit for connecting and for each wait on the provider's answer, 5 s unless set
 * @param currency the account's currency, in which Vonage quotes prices; {@code EUR} unless set
 */
@ConfigurationProperties("auth.sms.vonage")
public record VonageProperties(String apiKey, String apiSecret, String from, String baseUri, Duration timeout,
		String currency) {

	static final String DEFAULT_BASE_URI = "https://rest.nexmo.com";

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	// The SDK's HttpConfig rejects anything shorter.
	private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

	public VonageProperties {
		List<String> missing = new ArrayList<>();
		requireText(apiKey, "api-key", "AUTH_SMS_VONAGE_API_KEY", missing);
		requireText(apiSecret, "api-secret", "AUTH_SMS_VONAGE_API_SECRET", missing);
		requireText(from, "from", "AUTH_SMS_VONAGE_FROM", missing);
		if (!missing.isEmpty()) {
			throw new IllegalStateException("auth.sms.provider=vonage, but these settings are missing: "
					+ String.join(", ", missing) + ". Set them as properties or environment variables;"
					+ " they have no defaults.");
		}
		baseUri = (baseUri == null || baseUri.isBlank()) ? DEFAULT_BASE_URI : baseUri;
		timeout = (timeout == null) ? DEFAULT_TIMEOUT : timeout;
		currency = (currency == null || currency.isBlank()) ? "EUR" : currency.strip().toUpperCase(java.util.Locale.ROOT);
		if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.toMillis() > Integer.MAX_VALUE) {
			throw new IllegalStateException("auth.sms.vonage.timeout (AUTH_SMS_VONAGE_TIMEOUT) must be at least "
					+ MIN_TIMEOUT.toMillis() + "ms, but is " + timeout);
		}
	}

	private static void requireText(String value, String name, String envVar, List<String> missing) {
		if (value == null || value.isBlank()) {
			missing.add("auth.sms.vonage." + name + " (" + envVar + ")");
		}
	}

	/** Hides the secret: the generated record toString would print it wherever the properties get logged. */
	@Override
	public String toString() {
		return "VonageProperties[apiKey=" + apiKey + ", apiSecret=<hidden>, from=" + from + ", baseUri=" + baseUri
				+ ", timeout=" + timeout + ", currency=" + currency + "]";
	}

}
