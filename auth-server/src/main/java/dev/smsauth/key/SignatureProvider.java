package dev.smsauth.key;

/**
 * Which implementation computes the signatures of the tokens we issue ({@code auth.keys.signature-provider}).
 * The tokens are the same either way: RS256 signatures are deterministic, so both give the same bytes.
 */
public enum SignatureProvider {

	/** AWS-LC where it loads (Linux on x86-64, the image and the machines we run), the JDK elsewhere. */
	AUTO,

	/**
	 * AWS-LC through Amazon Corretto Crypto Provider, or the server does not start: an RS256 signature
	 * costs about a third of the JDK's CPU, ES256 about a seventh (docs/performance.md).
	 */
	AWS_LC,

	/** The JDK's own providers (SunRsaSign, SunEC), as Spring Security's encoder uses them. */
	JDK

}
