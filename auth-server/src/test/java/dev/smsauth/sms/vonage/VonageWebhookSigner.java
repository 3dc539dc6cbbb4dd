package dev.smsauth.sms.vonage;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.vonage.client.auth.RequestSigning;
import com.vonage.client.auth.hashutils.HashType;
import com.vonage.client.auth.hashutils.HashUtil;

/** Signs webhook parameters the way Vonage does, for tests of the receiving end. */
public final class VonageWebhookSigner {

	private VonageWebhookSigner() {
	}

	/** The parameters plus {@code timestamp} (now) and {@code sig}, by the SDK's own signing code. */
	public static Map<String, String> signedNow(Map<String, String> params, String secret, HashType hashType) {
		Map<String, String> signed = new LinkedHashMap<>(params);
		signed.putAll(RequestSigning.getSignatureForRequestParameters(params, secret, hashType));
		return signed;
	}

	/**
	 * The parameters signed with a timestamp of our choosing (the SDK's signing always uses now):
	 * the SDK's string ({@code &name=value}, sorted, {@code &} and {@code =} in values replaced by
	 * {@code _}) hashed by the SDK's {@link HashUtil}.
	 */
	public static Map<String, String> signedAt(Map<String, String> params, String secret, HashType hashType, Instant at) {
		TreeMap<String, String> sorted = new TreeMap<>(params);
		sorted.put("timestamp", Long.toString(at.getEpochSecond()));
		StringBuilder text = new StringBuilder();
		sorted.forEach((name, value) -> text.append('&').append(clean(name)).append('=').append(clean(value)));
		try {
			sorted.put("sig", HashUtil.calculate(text.toString(), secret, hashType));
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
		return sorted;
	}

	private static String clean(String value) {
		return value.replaceAll("[=&]", "_");
	}

	/** As a servlet would hand them over. */
	static Map<String, String[]> asParameterMap(Map<String, String> params) {
		Map<String, String[]> map = new LinkedHashMap<>();
		params.forEach((name, value) -> map.put(name, new String[] { value }));
		return map;
	}

}
