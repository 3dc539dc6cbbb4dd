package dev.smsauth.key;

import java.security.Provider;
import java.util.Optional;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the JCA provider that signs our tokens ({@link SignatureProvider}). Token signatures are
 * most of the CPU of a refresh or a client_credentials grant; AWS-LC's RSA costs about a third of
 * the JDK's. The provider is handed to each signer only: it is never installed in the JVM's provider
 * list, so TLS, hashing, random numbers and verification stay with the JDK.
 */
final class SignatureProviders {

	private static final Logger log = LoggerFactory.getLogger(SignatureProviders.class);

	private SignatureProviders() {
	}

	/** The provider to sign with; empty means the JDK's (Nimbus's default, no provider named). */
	static Optional<Provider> choose(SignatureProvider setting) {
		if (setting == SignatureProvider.JDK) {
			log.info("Token signatures: the JDK (auth.keys.signature-provider=jdk)");
			return Optional.empty();
		}
		Throwable notLoaded = awsLcLoadingError();
		if (notLoaded == null) {
			AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
			log.info("Token signatures: {} through Amazon Corretto Crypto Provider {}",
					provider.getAwsLcVersionStr(), provider.getVersionStr());
			return Optional.of(provider);
		}
		if (setting == SignatureProvider.AWS_LC) {
			throw new IllegalStateException("auth.keys.signature-provider=aws-lc, but AWS-LC could not be loaded on this "
					+ "machine (it needs Linux on x86-64 and a writable java.io.tmpdir): " + notLoaded.getMessage(),
					notLoaded);
		}
		log.warn("Token signatures: the JDK, because AWS-LC could not be loaded ({}); each signature costs about "
				+ "three times the CPU", notLoaded.toString());
		return Optional.empty();
	}

	/** Why AWS-LC is not usable here, or null when it is (the class is always there; its native library may not load). */
	private static Throwable awsLcLoadingError() {
		try {
			return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
		}
		catch (LinkageError ex) {
			return ex;
		}
	}

}
