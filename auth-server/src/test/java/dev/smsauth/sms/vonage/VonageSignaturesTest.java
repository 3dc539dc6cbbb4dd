package dev.smsauth.sms.vonage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.vonage.client.auth.hashutils.HashType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static dev.smsauth.sms.vonage.VonageWebhookSigner.asParameterMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signature check of Vonage webhooks, with the SDK's own signing on the other side. */
class VonageSignaturesTest {

	private static final String SECRET = "vonage-signature-secret-0123";

	private static final Map<String, String> RECEIPT = Map.of("messageId", "0A0000001", "status", "delivered",
			"err-code", "0", "msisdn", "447700900123", "price", "0.03330000", "nonce", "a1b2c3");

	private final VonageSignatures md5hash = new VonageSignatures(new VonageSignatureProperties(SECRET, null));

	@Test
	void whenSignedWithTheSecretThenVerifiedAndAChangedParameterIsNot() {
		Map<String, String> signed = VonageWebhookSigner.signedNow(RECEIPT, SECRET, HashType.MD5);

		assertThat(md5hash.verify(null, null, asParameterMap(signed))).isTrue();

		Map<String, String> changed = new LinkedHashMap<>(signed);
		changed.put("status", "failed");
		assertThat(md5hash.verify(null, null, asParameterMap(changed))).isFalse();
	}

	@Test
	void whenTheSignatureIsMissingOrMadeWithAnotherSecretThenRefused() {
		Map<String, String> unsigned = new LinkedHashMap<>(VonageWebhookSigner.signedNow(RECEIPT, SECRET, HashType.MD5));
		unsigned.remove("sig");
		assertThat(md5hash.verify(null, null, asParameterMap(unsigned))).isFalse();

		Map<String, String> otherSecret = VonageWebhookSigner.signedNow(RECEIPT, "someone-else", HashType.MD5);
		assertThat(md5hash.verify(null, null, asParameterMap(otherSecret))).isFalse();
	}

	@Test
	void whenTheTimestampIsOlderThanTheSdkAllowsThenARightSignatureIsRefused() {
		Instant now = Instant.now();
		// The same signer with a fresh timestamp is accepted: the refusal below is about time only.
		assertThat(md5hash.verify(null, null,
				asParameterMap(VonageWebhookSigner.signedAt(RECEIPT, SECRET, HashType.MD5, now)))).isTrue();

		Map<String, String> replayed = VonageWebhookSigner.signedAt(RECEIPT, SECRET, HashType.MD5,
				now.minus(Duration.ofMinutes(10)));
		assertThat(md5hash.verify(null, null, asParameterMap(replayed))).isFalse();
	}

	@Test
	void whenTheDashboardSaysSha256ThenAnHmacSha256SignatureIsVerifiedAndAnMd5HashOneIsNot() {
		VonageSignatures sha256 = new VonageSignatures(new VonageSignatureProperties(SECRET, "SHA256"));

		assertThat(sha256.verify(null, null,
				asParameterMap(VonageWebhookSigner.signedNow(RECEIPT, SECRET, HashType.HMAC_SHA256)))).isTrue();
		assertThat(sha256.verify(null, null,
				asParameterMap(VonageWebhookSigner.signedNow(RECEIPT, SECRET, HashType.MD5)))).isFalse();
	}

	@Test
	void whenTheReceiptIsJsonThenTheSignedDocumentIsChecked() {
		Map<String, String> signed = VonageWebhookSigner.signedNow(RECEIPT, SECRET, HashType.MD5);
		byte[] json = JsonMapper.builder().build().writeValueAsString(signed).getBytes(StandardCharsets.UTF_8);

		assertThat(md5hash.verify("application/json", json, Map.of())).isTrue();
		assertThat(md5hash.verify("application/json",
				new String(json, StandardCharsets.UTF_8).replace("delivered", "expired").getBytes(StandardCharsets.UTF_8),
				Map.of())).isFalse();
		assertThat(md5hash.verify("application/json", "{not json".getBytes(StandardCharsets.UTF_8), Map.of())).isFalse();
	}

	@Test
	void whenNoSecretIsSetThenEveryReceiptIsRefused() {
		VonageSignatures off = new VonageSignatures(new VonageSignatureProperties(" ", null));

		assertThat(off.enabled()).isFalse();
		assertThat(off.verify(null, null, asParameterMap(VonageWebhookSigner.signedNow(RECEIPT, "", HashType.MD5))))
			.isFalse();
		assertThat(new VonageSignatureProperties(SECRET, null).toString()).doesNotContain(SECRET);
	}

	@Test
	void whenTheMethodIsUnknownThenStartupFailsNamingTheSetting() {
		assertThatThrownBy(() -> new VonageSignatureProperties(SECRET, "sha3"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("auth.sms.vonage.signature-method");
	}

}
