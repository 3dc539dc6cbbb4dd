package dev.smsauth.sms.vonage;

import java.util.Locale;

import com.vonage.client.auth.hashutils.HashType;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Vonage signs its webhooks, bound from {@code auth.sms.vonage.*} next to {@link VonageProperties}
 * (Vonage dashboard → API settings → "Signed webhooks": the signature secret and method).
 *
 * @param signatureSecret the account's signature secret ({@code AUTH_SMS_VONAGE_SIGNATURE_SECRET});
 * no default: without it every delivery receipt is refused, and a WARN at start says so
 * @param signatureMethod {@code md5hash} (the SDK's default), {@code md5}, {@code sha1},
 * {@code sha256} or {@code sha512} (the HMAC methods), as chosen in the dashboard
 */
@ConfigurationProperties("auth.sms.vonage")
public record VonageSignatureProperties(String signatureSecret, String signatureMethod) {

	public VonageSignatureProperties {
		signatureSecret = (signatureSecret == null || signatureSecret.isBlank()) ? null : signatureSecret;
		signatureMethod = (signatureMethod == null || signatureMethod.isBlank()) ? "md5hash"
				: signatureMethod.strip().toLowerCase(Locale.ROOT);
		hashType(signatureMethod);
	}

	/** The SDK's name for the method. */
	HashType hashType() {
		return hashType(signatureMethod);
	}

	private static HashType hashType(String method) {
		return switch (method) {
			case "md5hash" -> HashType.MD5;
			case "md5" -> HashType.HMAC_MD5;
			case "sha1" -> HashType.HMAC_SHA1;
			case "sha256" -> HashType.HMAC_SHA256;
			case "sha512" -> HashType.HMAC_SHA512;
			default -> throw new IllegalStateException("auth.sms.vonage.signature-method (AUTH_SMS_VONAGE_SIGNATURE_METHOD) "
					+ "must be md5hash, md5, sha1, sha256 or sha512, but is '" + method + "'");
		};
	}

	/** Hides the secret. */
	@Override
	public String toString() {
		return "VonageSignatureProperties[signatureSecret=" + (signatureSecret == null ? "<unset>" : "<hidden>")
				+ ", signatureMethod=" + signatureMethod + "]";
	}

}
