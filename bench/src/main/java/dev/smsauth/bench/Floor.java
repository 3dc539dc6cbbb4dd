package dev.smsauth.bench;

/**
 * The cost of each cryptographic primitive on this machine, in ms of CPU per call (single thread),
 * measured by {@link CryptoFloor} or read from a JMH result.
 *
 * @param pbkdf2Sha512Ms Keycloak's PBKDF2-HMAC-SHA512 at 210,000 iterations (its default before version 24),
 * NaN when a JMH file from before it was added has no such benchmark
 * @param keycloakArgon2idMs Keycloak 24+'s default password hash (Argon2id, 7,168 KiB, 5 iterations),
 * NaN when a JMH file from before it was added has no such benchmark
 * @param hmacSha512Ms the HS512 MAC of a refresh-token-sized JWT (Keycloak's refresh tokens), NaN likewise
 * @param rs256SignAwsLcMs the RS256 signature through AWS-LC, as auth-server signs where it loads
 * (Linux on x86-64); NaN where it does not, or in a JMH file from before it was added
 * @param es256SignAwsLcMs the ES256 signature through AWS-LC, NaN likewise
 * @param source "measured here" or the JMH file it came from
 */
record Floor(double rs256SignMs, double es256SignMs, double rs256VerifyMs, double argon2idMs, double bcrypt10Ms,
		double sha256Ms, double pbkdf2Sha512Ms, double keycloakArgon2idMs, double hmacSha512Ms, double rs256SignAwsLcMs,
		double es256SignAwsLcMs, String source) {

	/**
	 * The floor of a server whose signatures go through AWS-LC: each product is measured against the
	 * signatures it really computes (Keycloak's through the JDK), so "beyond the signatures" is the
	 * work that is not cryptography on either side.
	 */
	Floor signingThroughAwsLc() {
		if (Double.isNaN(rs256SignAwsLcMs) || Double.isNaN(es256SignAwsLcMs)) {
			throw new IllegalStateException("the server signs through AWS-LC, but the floor (" + source
					+ ") has no AWS-LC signatures: run the JMH benchmarks again on this machine");
		}
		return new Floor(rs256SignAwsLcMs, es256SignAwsLcMs, rs256VerifyMs, argon2idMs, bcrypt10Ms, sha256Ms, pbkdf2Sha512Ms,
				keycloakArgon2idMs, hmacSha512Ms, rs256SignAwsLcMs, es256SignAwsLcMs, source + ", signatures through AWS-LC");
	}

	/** An access token signed with RS256 plus the client secret's SHA-256. */
	double clientCredentials() {
		return rs256SignMs + sha256Ms;
	}

	/** Refresh with rotation: new access token and new ID token (two RS256 signatures), client secret. */
	double refresh() {
		return 2 * rs256SignMs + sha256Ms;
	}

	/** The password (Argon2id) and the code exchange's access and ID tokens and client secret. */
	double smsSignIn() {
		return passwordSignIn(PasswordHash.ARGON2ID);
	}

	/** A sign-in with the password alone: the hash, then the code exchange's two signatures and client secret. */
	double passwordSignIn(PasswordHash hash) {
		return hash.ms(this) + 2 * rs256SignMs + sha256Ms;
	}

}
