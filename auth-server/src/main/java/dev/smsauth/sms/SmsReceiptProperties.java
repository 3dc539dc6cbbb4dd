package dev.smsauth.sms;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where providers send delivery receipts, bound from {@code auth.sms.receipts.*}.
 *
 * @param publicBaseUrl the server's address as the providers see it, e.g.
 * {@code https://auth.example.com}; the receipts' paths are appended. Unset: the issuer
 * ({@code auth.issuer}). Twilio signs the exact URL it calls, so behind a proxy this must be the
 * outside address, not the one the request arrives at
 * @param maxBodySize the largest receipt body taken (a receipt is a few hundred bytes), 16 KB unless set
 */
@ConfigurationProperties("auth.sms.receipts")
public record SmsReceiptProperties(String publicBaseUrl, @DefaultValue("16KB") DataSize maxBodySize) {

	public SmsReceiptProperties {
		if (publicBaseUrl != null && !publicBaseUrl.isBlank()) {
			URI uri = URI.create(publicBaseUrl.strip());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
				throw new IllegalStateException(
						"auth.sms.receipts.public-base-url must be an http(s) URL with a host, but is " + publicBaseUrl);
			}
		}
		maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(16) : maxBodySize;
	}

	/**
	 * The public URL of a receipt path, from {@code public-base-url}, else from {@code issuer}; empty
	 * when neither is set (then no provider can be told where to send receipts).
	 */
	public Optional<String> publicUrl(String issuer, String path) {
		String base = (publicBaseUrl != null && !publicBaseUrl.isBlank()) ? publicBaseUrl.strip()
				: (issuer != null && !issuer.isBlank()) ? issuer.strip() : null;
		if (base == null) {
			return Optional.empty();
		}
		return Optional.of((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
	}

}
