package dev.smsauth.sms.vonage;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

import com.vonage.client.auth.RequestSigning;
import com.vonage.client.auth.hashutils.HashType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the signature of a Vonage webhook (signed webhooks: {@code sig}, {@code timestamp},
 * {@code nonce} among the parameters) with the SDK's {@link RequestSigning}, which also refuses a
 * timestamp more than {@link RequestSigning#MAX_ALLOWABLE_TIME_DELTA} (5 minutes) away from now,
 * so an old receipt can not be replayed later.
 *
 * <p>The SDK's public check knows only its default method, the MD5 hash. For the HMAC methods the
 * dashboard offers, the SDK's own overload that takes the method is used; it is not public, so it
 * is looked up once at start, and a renamed method stops the server there rather than refusing
 * every receipt. {@code VonageReceiptTests} covers both paths.
 */
final class VonageSignatures {

	private static final Logger log = LoggerFactory.getLogger(VonageSignatures.class);

	private final String secret;

	private final HashType hashType;

	private final Method withHashType;

	VonageSignatures(VonageSignatureProperties properties) {
		this.secret = properties.signatureSecret();
		this.hashType = properties.hashType();
		this.withHashType = hashType == HashType.MD5 ? null : sdkOverload();
		// The SDK logs every parameter (the full number) and the expected signature at INFO.
		VonageSdkLogging.silence();
		if (secret == null) {
			log.warn("Vonage delivery receipts are off: auth.sms.vonage.signature-secret is not set, so every receipt "
					+ "at /sms/receipts/vonage is refused. Set it to the account's signature secret.");
		}
	}

	boolean enabled() {
		return secret != null;
	}

	/**
	 * @param contentType {@code application/json} when {@code jsonBody} is the signed document,
	 * anything else for signed query or form parameters
	 * @param jsonBody the JSON body, or null
	 * @param parameters the query or form parameters
	 * @return true only for a signature made with our secret over these very parameters within the last minutes
	 */
	boolean verify(String contentType, byte[] jsonBody, Map<String, String[]> parameters) {
		if (secret == null) {
			return false;
		}
		InputStream body = jsonBody == null ? null : new ByteArrayInputStream(jsonBody);
		try {
			if (withHashType == null) {
				return RequestSigning.verifyRequestSignature(body, contentType, parameters, secret);
			}
			return (boolean) withHashType.invoke(null, contentType, body, parameters, secret, System.currentTimeMillis(),
					hashType);
		}
		catch (InvocationTargetException ex) {
			// An unreadable JSON body, for instance: not a valid signature either.
			return false;
		}
		catch (RuntimeException | IllegalAccessException ex) {
			return false;
		}
	}

	private static Method sdkOverload() {
		try {
			Method method = RequestSigning.class.getDeclaredMethod("verifyRequestSignature", String.class,
					InputStream.class, Map.class, String.class, long.class, HashType.class);
			method.setAccessible(true);
			return method;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("auth.sms.vonage.signature-method other than md5hash needs the Vonage SDK's "
					+ "RequestSigning.verifyRequestSignature(..., HashType), which this SDK version does not have", ex);
		}
	}

}
